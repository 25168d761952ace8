// The Deliverability, Providers, Latency and Engagement reports recomputed in plain TypeScript from
// the rows the ingest stores: the definitions are restated here, not imported from src, so the
// oracle test compares two independent implementations.
import type { EventRow } from '@sendops/ses-events';
import type { ReportFilter } from '../../src/index.ts';
import { iso } from './event-time.ts';

const DAY = 86_400_000;
/** Event types the Deliverability headline and trend count. */
const COUNTED = ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'];

/** The instant (ms) of a row's `event_time` (ClickHouse's `YYYY-MM-DD hh:mm:ss.sss`, UTC). */
export const eventTime = (row: EventRow) => Date.parse(iso(row.event_time));

/** Ranges up to two days go by hour, longer ones by day (as the reports' `bucketSize`). */
const isHourly = (filter: ReportFilter) => filter.to.getTime() - filter.from.getTime() <= 2 * DAY;

function pct(numerator: number, denominator: number, digits = 2): number | null {
  if (denominator === 0) return null;
  // Half away from zero at `digits` decimals, in integers: round(n·100·10^d / den).
  const scaled = BigInt(numerator) * 100n * 10n ** BigInt(digits);
  const q = scaled / BigInt(denominator);
  const r = scaled % BigInt(denominator);
  const up = r * 2n >= BigInt(denominator) ? 1n : 0n;
  return Number(q + up) / 10 ** digits;
}

/** The change in percentage points between two ratios [numerator, denominator], exactly rounded. */
function delta(cur: [number, number], prev: [number, number], digits = 2): number | null {
  if (cur[1] === 0 || prev[1] === 0) return null;
  const num = BigInt(cur[0]) * BigInt(prev[1]) - BigInt(prev[0]) * BigInt(cur[1]);
  const den = BigInt(cur[1]) * BigInt(prev[1]);
  const sign = num < 0n ? -1 : 1;
  const abs = num < 0n ? -num : num;
  const scaled = abs * 100n * 10n ** BigInt(digits);
  const q = scaled / den + ((scaled % den) * 2n >= den ? 1n : 0n);
  const value = Number(q) / 10 ** digits;
  return value === 0 ? 0 : sign * value;
}

/** The rows a filter selects: its half-open time range and, if given, its channel. */
export function selected(rows: EventRow[], filter: ReportFilter): EventRow[] {
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  return rows.filter(
    (r) =>
      eventTime(r) >= from &&
      eventTime(r) < to &&
      (filter.channelId === undefined || r.channel_id === filter.channelId),
  );
}

/** A trend bucket's key in `timezone`: the local day, or the local day and hour. */
export function localKey(time: number, timezone: string, hourly: boolean): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(time));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return hourly
    ? `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`
    : `${get('year')}-${get('month')}-${get('day')}`;
}

/** The local wall-clock time `hh:mm` in `timezone`. */
export function localMinute(time: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(time));
}

function groupBy<K>(list: EventRow[], key: (r: EventRow) => K): Map<K, EventRow[]> {
  const map = new Map<K, EventRow[]>();
  for (const r of list) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
}

/** Groups rows into trend buckets keyed by `localKey`, in time order. */
function trendBuckets(list: EventRow[], filter: ReportFilter): [string, EventRow[]][] {
  const hourly = isHourly(filter);
  return [...groupBy(list, (r) => localKey(eventTime(r), filter.timezone, hourly)).entries()].sort(
    ([a], [b]) => (a < b ? -1 : 1),
  );
}

// ---- Deliverability ----

export interface DeliverabilityCounts {
  sends: number;
  deliveries: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  rejects: number;
}

function counts(list: EventRow[]): DeliverabilityCounts {
  const of = (type: string) => list.filter((r) => r.event_type === type).length;
  const bounces = list.filter((r) => r.event_type === 'Bounce');
  const hard = bounces.filter((r) => r.bounce_type === 'Permanent').length;
  return {
    sends: of('Send'),
    deliveries: of('Delivery'),
    hardBounces: hard,
    softBounces: bounces.length - hard,
    complaints: of('Complaint'),
    rejects: of('Reject'),
  };
}

function rates(c: DeliverabilityCounts) {
  return {
    hardBouncePct: pct(c.hardBounces, c.sends),
    softBouncePct: pct(c.softBounces, c.sends),
    totalBouncePct: pct(c.hardBounces + c.softBounces, c.sends),
    complaintPct: pct(c.complaints, c.deliveries, 3),
    deliveryPct: pct(c.deliveries, c.sends),
  };
}

function reputationScore(c: DeliverabilityCounts): number | null {
  if (c.sends === 0) return null;
  const bounceRate = (c.hardBounces + c.softBounces) / c.sends;
  const complaintRate = c.deliveries === 0 ? 0 : c.complaints / c.deliveries;
  return Math.max(
    0,
    Math.round(
      100 -
        50 * Math.min(1, bounceRate / 0.1) -
        40 * Math.min(1, complaintRate / 0.001) -
        10 * (1 - Math.min(1, c.deliveries / c.sends)),
    ),
  );
}

/** The Deliverability report, its trend keyed by `localKey` and bounce reasons by `type/subType`. */
export function oracleDeliverability(rows: EventRow[], filter: ReportFilter) {
  const list = selected(rows, filter);
  const counted = list.filter((r) => COUNTED.includes(r.event_type));
  const c = counts(counted);
  const trend = trendBuckets(counted, filter).map(([key, group]) => ({
    key,
    ...counts(group),
    ...rates(counts(group)),
  }));
  const bounces = list.filter((r) => r.event_type === 'Bounce');
  const bounceReasons = [...groupBy(bounces, (r) => `${r.bounce_type}/${r.bounce_sub_type}`).entries()]
    .map(([key, group]) => ({ key, bounces: group.length, pct: pct(group.length, bounces.length) }))
    .sort((a, b) => b.bounces - a.bounces || (a.key < b.key ? -1 : 1));
  const complaints = list.filter((r) => r.event_type === 'Complaint');
  const complaintReasons = [
    ...groupBy(complaints, (r) => r.complaint_feedback_type || 'not-specified').entries(),
  ]
    .map(([feedbackType, group]) => ({
      feedbackType,
      complaints: group.length,
      pct: pct(group.length, complaints.length),
    }))
    .sort((a, b) => b.complaints - a.complaints || (a.feedbackType < b.feedbackType ? -1 : 1));
  return {
    totals: { ...c, ...rates(c), reputationScore: reputationScore(c) },
    trend,
    bounceReasons,
    complaintReasons,
  };
}

// ---- Providers ----

interface ProviderTally {
  sends: number;
  deliveries: number;
  bounces: number;
  complaints: number;
  rejects: number;
}

const NO_EVENTS: ProviderTally = { sends: 0, deliveries: 0, bounces: 0, complaints: 0, rejects: 0 };

function tallyByProvider(list: EventRow[]): Map<string, ProviderTally> {
  const map = new Map<string, ProviderTally>();
  for (const r of list) {
    const key = r.provider === '' ? '(unknown)' : r.provider;
    const t = map.get(key) ?? { ...NO_EVENTS };
    if (r.event_type === 'Send') t.sends++;
    else if (r.event_type === 'Delivery') t.deliveries++;
    else if (r.event_type === 'Bounce') t.bounces++;
    else if (r.event_type === 'Complaint') t.complaints++;
    else if (r.event_type === 'Reject') t.rejects++;
    else continue;
    map.set(key, t);
  }
  return map;
}

const add = (a: ProviderTally, b: ProviderTally): ProviderTally => ({
  sends: a.sends + b.sends,
  deliveries: a.deliveries + b.deliveries,
  bounces: a.bounces + b.bounces,
  complaints: a.complaints + b.complaints,
  rejects: a.rejects + b.rejects,
});

/** The Providers table: the top 8 by sends, the rest as Other, deltas against the previous period. */
export function oracleProviders(rows: EventRow[], filter: ReportFilter) {
  const length = filter.to.getTime() - filter.from.getTime();
  const prev = { ...filter, from: new Date(filter.from.getTime() - length), to: filter.from };
  const now = tallyByProvider(selected(rows, filter));
  const before = tallyByProvider(selected(rows, prev));
  const ranked = [...now.entries()].sort(([a, x], [b, y]) => y.sends - x.sends || (a < b ? -1 : 1));
  const entries: [string, boolean, ProviderTally, ProviderTally][] = ranked
    .slice(0, 8)
    .map(([p, c]) => [p, false, c, before.get(p) ?? NO_EVENTS]);
  const tail = ranked.slice(8);
  if (tail.length > 0) {
    entries.push([
      'Other',
      true,
      tail.map(([, c]) => c).reduce(add, NO_EVENTS),
      tail.map(([p]) => before.get(p) ?? NO_EVENTS).reduce(add, NO_EVENTS),
    ]);
  }
  return entries.map(([provider, isOther, c, p]) => ({
    provider,
    isOther,
    ...c,
    bouncePct: pct(c.bounces, c.sends),
    complaintPct: pct(c.complaints, c.sends, 3),
    rejectPct: pct(c.rejects, c.sends + c.rejects),
    bouncePctDelta: delta([c.bounces, c.sends], [p.bounces, p.sends]),
    complaintPctDelta: delta([c.complaints, c.sends], [p.complaints, p.sends], 3),
    rejectPctDelta: delta([c.rejects, c.sends + c.rejects], [p.rejects, p.sends + p.rejects]),
  }));
}

// ---- Latency ----

function quantile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function latencyFigures(list: EventRow[]) {
  const times = list.map((r) => r.processing_time_ms).sort((a, b) => a - b);
  return {
    deliveries: times.length,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
  };
}

/** The Latency report: delivery processing-time percentiles, overall and per trend bucket. */
export function oracleLatency(rows: EventRow[], filter: ReportFilter) {
  const deliveries = selected(rows, filter).filter((r) => r.event_type === 'Delivery');
  return {
    totals: latencyFigures(deliveries),
    trend: trendBuckets(deliveries, filter).map(([key, group]) => ({ key, ...latencyFigures(group) })),
  };
}

// ---- Engagement ----

function engagementFigures(list: EventRow[]) {
  const deliveries = list.filter((r) => r.event_type === 'Delivery').length;
  const unique = (type: string) =>
    new Set(list.filter((r) => r.event_type === type).map((r) => `${r.message_id}\n${r.recipient}`)).size;
  const uniqueOpens = unique('Open');
  const uniqueClicks = unique('Click');
  return {
    deliveries,
    uniqueOpens,
    uniqueClicks,
    openPct: pct(uniqueOpens, deliveries),
    clickPct: pct(uniqueClicks, deliveries),
  };
}

/** The Engagement report: totals, trend, the top 10 recipient domains and every template. */
export function oracleEngagement(rows: EventRow[], filter: ReportFilter) {
  const list = selected(rows, filter).filter((r) =>
    ['Send', 'Delivery', 'Bounce', 'Complaint', 'Open', 'Click'].includes(r.event_type),
  );
  const engaged = list.filter((r) => ['Delivery', 'Open', 'Click'].includes(r.event_type));
  return {
    totals: engagementFigures(list),
    trend: trendBuckets(engaged, filter).map(([key, group]) => ({ key, ...engagementFigures(group) })),
    domains: [...groupBy(engaged, (r) => r.recipient_domain).entries()]
      .map(([recipientDomain, group]) => ({ recipientDomain, ...engagementFigures(group) }))
      .sort((a, b) => b.deliveries - a.deliveries || (a.recipientDomain < b.recipientDomain ? -1 : 1))
      .slice(0, 10),
    templates: [...groupBy(list, (r) => r.template).entries()]
      .map(([template, group]) => {
        const f = engagementFigures(group);
        const sent = group.filter((r) => r.event_type === 'Send').length;
        const bounces = group.filter((r) => r.event_type === 'Bounce').length;
        const complaints = group.filter((r) => r.event_type === 'Complaint').length;
        return {
          template,
          sent,
          ...f,
          bounces,
          complaints,
          bouncePct: pct(bounces, sent),
          complaintPct: pct(complaints, f.deliveries, 3),
        };
      })
      .sort((a, b) => b.sent - a.sent || (a.template < b.template ? -1 : 1)),
  };
}
