import type { AnalyticsStore } from '@sendops/analytics';
import { previousPeriod, type ReportFilter } from '../report-filter.ts';
import { deltaPoints, percent } from './rates.ts';
import { queryEvents, scopeSql } from './report-scope.ts';

/** Providers listed individually; the rest are summed into `Other`. */
export const TOP_PROVIDERS = 8;
export const OTHER_PROVIDER = 'Other';
/** Events without a provider (no recipient domain) are listed under this name. */
const UNKNOWN_PROVIDER = '(unknown)';

export interface ProviderCounts {
  sends: number;
  deliveries: number;
  bounces: number;
  complaints: number;
  rejects: number;
}

export interface ProviderRow extends ProviderCounts {
  /** Canonical provider (Gmail, Microsoft, …) or the raw recipient domain; `Other` for the long tail. */
  provider: string;
  isOther: boolean;
  /** bounces / sends, %, 2 decimals. */
  bouncePct: number | null;
  /** complaints / sends (spec: Complaint % of Sends), %, 3 decimals. */
  complaintPct: number | null;
  /** rejects / (sends + rejects), %, 2 decimals. */
  rejectPct: number | null;
  /** Change in percentage points versus the previous period; null when either period has no base. */
  bouncePctDelta: number | null;
  complaintPctDelta: number | null;
  rejectPctDelta: number | null;
}

export interface ProviderReport {
  /** The period the deltas compare against (ISO 8601 UTC, half-open). */
  previous: { from: string; to: string };
  /** Top providers by current sends (ties by name), then `Other` when the tail is not empty. */
  items: ProviderRow[];
}

interface Row {
  provider: string;
  sends: string;
  deliveries: string;
  bounces: string;
  complaints: string;
  rejects: string;
}

/**
 * Deliverability by Provider: the top 8 providers by current-period sends, the rest under `Other`, with
 * every rate's delta against the equal-length period just before. Deltas need a base in both periods:
 * a provider without sends (or attempts, for Reject %) in the previous period shows none.
 */
export async function providerReport(store: AnalyticsStore, filter: ReportFilter): Promise<ProviderReport> {
  const previous = previousPeriod(filter);
  // One query per period, grouped by provider alone: a second key (the period) costs more than a
  // second read of the same number of rows.
  const counts = (period: ReportFilter) => {
    const scope = scopeSql(period);
    return queryEvents<Row>(
      store,
      (table) => `SELECT provider,
           toUInt64(countIf(event_type = 'Send')) AS sends,
           toUInt64(countIf(event_type = 'Delivery')) AS deliveries,
           toUInt64(countIf(event_type = 'Bounce')) AS bounces,
           toUInt64(countIf(event_type = 'Complaint')) AS complaints,
           toUInt64(countIf(event_type = 'Reject')) AS rejects
         FROM ${table}
         WHERE ${scope.where} AND event_type IN ('Send', 'Delivery', 'Bounce', 'Complaint', 'Reject')
         GROUP BY provider`,
      scope.params,
    );
  };
  const [currentRows, previousRows] = await Promise.all([counts(filter), counts(previous)]);
  const currentBy = byProvider(currentRows);
  const previousBy = byProvider(previousRows);
  const ranked = [...currentBy.entries()].sort(
    ([a, x], [b, y]) => y.sends - x.sends || (a < b ? -1 : a > b ? 1 : 0),
  );
  const top = ranked.slice(0, TOP_PROVIDERS);
  const tail = ranked.slice(TOP_PROVIDERS);
  const items = top.map(([provider, counts]) => rowOf(provider, false, counts, previousBy.get(provider)));
  if (tail.length > 0) {
    const tailNames = new Set(tail.map(([provider]) => provider));
    const current = sum(tail.map(([, counts]) => counts));
    // Other's prior period: the same tail providers' activity then (a provider new to the tail adds 0).
    const before = sum([...previousBy.entries()].filter(([p]) => tailNames.has(p)).map(([, c]) => c));
    items.push(rowOf(OTHER_PROVIDER, true, current, before));
  }
  return { previous: { from: previous.from.toISOString(), to: previous.to.toISOString() }, items };
}

function byProvider(rows: Row[]): Map<string, ProviderCounts> {
  const by = new Map<string, ProviderCounts>();
  for (const row of rows) {
    // Named here rather than per row in SQL; a provider literally called `(unknown)` adds up with ''.
    const provider = row.provider === '' ? UNKNOWN_PROVIDER : row.provider;
    const counts = {
      sends: Number(row.sends),
      deliveries: Number(row.deliveries),
      bounces: Number(row.bounces),
      complaints: Number(row.complaints),
      rejects: Number(row.rejects),
    };
    const known = by.get(provider);
    by.set(provider, known ? sum([known, counts]) : counts);
  }
  return by;
}

function rowOf(
  provider: string,
  isOther: boolean,
  counts: ProviderCounts,
  before: ProviderCounts | undefined,
): ProviderRow {
  const prior = before ?? { sends: 0, deliveries: 0, bounces: 0, complaints: 0, rejects: 0 };
  return {
    provider,
    isOther,
    ...counts,
    bouncePct: percent(counts.bounces, counts.sends),
    complaintPct: percent(counts.complaints, counts.sends, 3),
    rejectPct: percent(counts.rejects, counts.sends + counts.rejects),
    bouncePctDelta: deltaPoints([counts.bounces, counts.sends], [prior.bounces, prior.sends]),
    complaintPctDelta: deltaPoints([counts.complaints, counts.sends], [prior.complaints, prior.sends], 3),
    rejectPctDelta: deltaPoints(
      [counts.rejects, counts.sends + counts.rejects],
      [prior.rejects, prior.sends + prior.rejects],
    ),
  };
}

function sum(list: ProviderCounts[]): ProviderCounts {
  return list.reduce(
    (total, c) => ({
      sends: total.sends + c.sends,
      deliveries: total.deliveries + c.deliveries,
      bounces: total.bounces + c.bounces,
      complaints: total.complaints + c.complaints,
      rejects: total.rejects + c.rejects,
    }),
    { sends: 0, deliveries: 0, bounces: 0, complaints: 0, rejects: 0 },
  );
}

/** Sort keys the table offers; `Other` stays last whatever the key. */
export type ProviderSortKey = Exclude<keyof ProviderRow, 'isOther'>;

export function sortProviders(
  items: ProviderRow[],
  key: ProviderSortKey,
  direction: 'asc' | 'desc',
): ProviderRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const ranked = items.filter((row) => !row.isOther);
  ranked.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === y) return a.provider.localeCompare(b.provider);
    // Rows without a value (no base) go last in either direction.
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : 1;
    return order * sign;
  });
  return [...ranked, ...items.filter((row) => row.isOther)];
}
