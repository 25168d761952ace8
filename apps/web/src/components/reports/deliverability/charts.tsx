'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Chart colours follow the theme (CSS variables work in SVG presentation attributes). */
export const COLORS = {
  primary: 'var(--accent)',
  second: 'var(--info)',
  third: 'var(--warning)',
  warning: 'var(--warning)',
  critical: 'var(--danger)',
  grid: 'var(--border)',
  text: 'var(--text-muted)',
};

const axis = { stroke: COLORS.text, fontSize: 12, tickLine: false } as const;
const tooltipStyle = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: 8,
    color: 'var(--text)',
  },
  labelStyle: { color: 'var(--text)' },
};

export interface Series {
  key: string;
  name: string;
  color: string;
}

export interface Reference {
  value: number;
  label: string;
  color: string;
}

/** A time trend: one line per series, optional threshold lines; y values already rounded by the API. */
export function TrendChart({
  data,
  series,
  references = [],
  unit,
  label,
}: {
  data: object[];
  series: Series[];
  references?: Reference[];
  unit: string;
  label: string;
}) {
  const highest = Math.max(
    0,
    ...references.map((r) => r.value * 1.2),
    ...data.flatMap((row) => series.map((s) => Number((row as Record<string, unknown>)[s.key] ?? 0))),
  );
  return (
    <div className="chart-box" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axis} minTickGap={24} />
          <YAxis
            {...axis}
            width={unit.length > 1 ? 76 : 56}
            unit={unit}
            domain={[0, highest > 0 ? Number(highest.toPrecision(2)) : 1]}
          />
          <Tooltip {...tooltipStyle} formatter={(value) => `${value}${unit}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {references.map((r) => (
            <ReferenceLine
              key={r.label}
              y={r.value}
              stroke={r.color}
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
              label={{ value: r.label, position: 'insideTopRight', fill: r.color, fontSize: 11 }}
            />
          ))}
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              dot={{ r: data.length > 60 ? 1.5 : 3 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Horizontal bars, one row per category (long labels stay readable on a phone). */
export function BarsChart({
  data,
  category,
  series,
  unit = '',
  label,
}: {
  data: object[];
  category: string;
  series: Series[];
  unit?: string;
  label: string;
}) {
  const height = Math.max(160, data.length * (series.length > 1 ? 44 : 32) + 56);
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" {...axis} unit={unit} allowDecimals={unit !== ''} />
          <YAxis type="category" dataKey={category} {...axis} width={150} interval={0} />
          <Tooltip
            {...tooltipStyle}
            formatter={(value) => `${value}${unit}`}
            cursor={{ fill: 'var(--surface-hover)' }}
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={s.color}
              radius={[0, 4, 4, 0]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
