'use client';

import { useState } from 'react';
import type { ProviderRow } from '../../../lib/api/reports-deliverability.ts';
import { countText, deltaText, pctText } from './format.ts';

type SortKey =
  | 'provider'
  | 'sends'
  | 'deliveries'
  | 'bounces'
  | 'bouncePct'
  | 'complaints'
  | 'complaintPct'
  | 'rejects'
  | 'rejectPct';

const COLUMNS: { key: SortKey; label: string; delta?: keyof ProviderRow; digits?: number; rate?: boolean }[] =
  [
    { key: 'provider', label: 'Provider' },
    { key: 'sends', label: 'Sends' },
    { key: 'deliveries', label: 'Deliveries' },
    { key: 'bounces', label: 'Bounces' },
    { key: 'bouncePct', label: 'Bounce %', delta: 'bouncePctDelta', rate: true },
    { key: 'complaints', label: 'Complaints' },
    { key: 'complaintPct', label: 'Complaint %', delta: 'complaintPctDelta', digits: 3, rate: true },
    { key: 'rejects', label: 'Rejects' },
    { key: 'rejectPct', label: 'Reject %', delta: 'rejectPctDelta', rate: true },
  ];

/** Same rule as the API's `sort`: Other stays last, rows without a value go last. */
export function sortRows(items: ProviderRow[], key: SortKey, direction: 'asc' | 'desc'): ProviderRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const ranked = items.filter((row) => !row.isOther);
  ranked.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return a.provider.localeCompare(b.provider);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1;
    return order * sign;
  });
  return [...ranked, ...items.filter((row) => row.isOther)];
}

/** Deliverability by Provider: click a header to sort; deltas red when worse, green when better. */
export function ProviderTable({ items }: { items: ProviderRow[] }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'sends',
    direction: 'desc',
  });
  const rows = sortRows(items, sort.key, sort.direction);
  return (
    <div className="table-wrap">
      <table className="table provider-table" data-testid="provider-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  className={column.key === 'provider' ? undefined : 'num'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort({
                        key: column.key,
                        direction: active
                          ? sort.direction === 'asc'
                            ? 'desc'
                            : 'asc'
                          : column.key === 'provider'
                            ? 'asc'
                            : 'desc',
                      })
                    }
                  >
                    {column.label}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.provider} data-other={row.isOther || undefined}>
              {COLUMNS.map((column) => {
                if (column.key === 'provider') {
                  return (
                    <td key={column.key}>
                      {row.isOther ? <span className="muted">Other</span> : row.provider}
                    </td>
                  );
                }
                const value = row[column.key];
                if (!column.rate)
                  return (
                    <td key={column.key} className="num">
                      {countText(value as number)}
                    </td>
                  );
                const delta = column.delta ? (row[column.delta] as number | null) : null;
                const text = deltaText(delta, column.digits);
                return (
                  <td key={column.key} className="num">
                    <div>{pctText(value as number | null, column.digits)}</div>
                    {text && (
                      <div
                        className="delta"
                        data-trend={delta === null || delta === 0 ? 'flat' : delta > 0 ? 'worse' : 'better'}
                      >
                        {text}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
