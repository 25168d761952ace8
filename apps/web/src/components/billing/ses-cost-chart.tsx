'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SesCostReport } from '../../lib/api/billing.ts';
import { formatCount, formatUsd, monthLabel } from './format-usd.ts';

const axis = { stroke: 'var(--text-muted)', fontSize: 12, tickLine: false } as const;

/** Monthly estimated cost; the current month's bar is lighter (it is not over yet). */
export function SesCostChart({ trend }: { trend: SesCostReport['trend'] }) {
  const data = trend.map((month) => ({ ...month, label: monthLabel(month.month) }));
  return (
    <div className="chart-box" role="img" aria-label="Estimated SES cost per month">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axis} />
          <YAxis {...axis} width={64} tickFormatter={(value: number) => formatUsd(value)} />
          <Tooltip
            cursor={{ fill: 'var(--surface-hover)' }}
            contentStyle={{
              background: 'var(--surface)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              color: 'var(--text)',
            }}
            formatter={(value, _name, item) => [
              `${formatUsd(Number(value))} · ${formatCount((item.payload as { sends: number }).sends)} sends`,
              'Estimated cost',
            ]}
          />
          <Bar dataKey="costUsd" name="Estimated cost" fill="var(--accent)" radius={[4, 4, 0, 0]}>
            {data.map((month) => (
              <Cell key={month.month} fillOpacity={month.current ? 0.5 : 1} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
