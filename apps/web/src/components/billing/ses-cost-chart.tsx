'use client';

import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SesCostReport } from '../../lib/api/billing.ts';
import { formatCount, formatUsd, monthLabel } from './format-usd.ts';

const axis = { stroke: 'var(--text-muted)', fontSize: 12, tickLine: false } as const;

/**
 * Monthly estimated cost (bars; the current, unfinished month lighter) and the sends behind it (line,
 * right axis), so months inside the free tier still show their volume.
 */
export function SesCostChart({ trend }: { trend: SesCostReport['trend'] }) {
  const data = trend.map((month) => ({ ...month, label: monthLabel(month.month) }));
  return (
    <div className="chart-box" role="img" aria-label="Estimated SES cost per month">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axis} />
          <YAxis yAxisId="cost" {...axis} width={64} tickFormatter={(value: number) => formatUsd(value)} />
          <YAxis
            yAxisId="sends"
            orientation="right"
            {...axis}
            width={56}
            tickFormatter={(value: number) =>
              new Intl.NumberFormat('en', { notation: 'compact' }).format(value)
            }
          />
          <Tooltip
            cursor={{ fill: 'var(--surface-hover)' }}
            contentStyle={{
              background: 'var(--surface)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              color: 'var(--text)',
            }}
            formatter={(value, name) =>
              name === 'Sends' ? [formatCount(Number(value)), name] : [formatUsd(Number(value)), name]
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            yAxisId="cost"
            dataKey="costUsd"
            name="Estimated cost"
            fill="var(--accent)"
            radius={[4, 4, 0, 0]}
          >
            {data.map((month) => (
              <Cell key={month.month} fillOpacity={month.current ? 0.5 : 1} />
            ))}
          </Bar>
          <Line
            yAxisId="sends"
            dataKey="sends"
            name="Sends"
            stroke="var(--info)"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
