import { randomUUID } from 'node:crypto';
import { insertEventRows, qualified } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import type { EventRow } from '@sendops/ses-events';
import { DEMO_ORGANIZATION, generateMessages, type SimulatedMessage } from '@sendops/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverabilityReport,
  engagementReport,
  latencyReport,
  providerReport,
  type ReportFilter,
  sortProviders,
} from '../src/index.ts';
import { simulatedRows } from './support/simulated-rows.ts';

/**
 * Oracle: simulator traffic for two organizations with identical events, org A's delivered twice;
 * every figure of the Deliverability and Engagement reports recomputed here in plain TypeScript from
 * the same rows (definitions restated, not imported) and required to be equal.
 */

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1);
const MID = START + 7 * DAY;
const END = START + 14 * DAY;
const iso = (time: string) => `${time.replace(' ', 'T')}Z`;
const at = (row: EventRow) => Date.parse(iso(row.event_time));

let analytics: TestAnalytics;
let messages: SimulatedMessage[];
const orgA = { id: randomUUID(), channels: new Map<string, string>() };
const orgB = { id: randomUUID(), channels: new Map<string, string>() };
/** Org A's rows, one per (event, recipient): what FINAL must show. */
let rows: EventRow[];

function rowsFor(org: typeof orgA): EventRow[] {
  const out = simulatedRows(messages, { organizationId: org.id, channels: org.channels, before: END });
  // A provider that only appears in the second week: its rates must carry no delta.
  const newcomer = out
    .filter((r) => r.event_type === 'Send' && at(r) >= MID)
    .slice(0, 5)
    .map((r, i) => ({
      ...r,
      event_id: `${r.event_id}-newcomer`,
      message_id: `${r.message_id}-newcomer-${i}`,
      recipient: `someone${i}@brand-new-provider.example`,
      recipient_domain: 'brand-new-provider.example',
      provider: 'brand-new-provider.example',
    }));
  // Varied feedback types (the simulator reports `abuse`), including a report without one.
  let complaints = 0;
  for (const row of out) {
    if (row.event_type !== 'Complaint') continue;
    row.complaint_feedback_type = ['abuse', 'not-spam', ''][complaints++ % 3] as string;
  }
  return [...out, ...newcomer];
}

beforeAll(async () => {
  analytics = await createTestAnalytics();
  messages = [
    ...generateMessages({
      seed: 7,
      organizations: [DEMO_ORGANIZATION],
      messages: 3000,
      start: START,
      end: END,
    }),
    // Steered recipients so complaints (rare in random traffic) occur in both weeks.
    ...generateMessages({
      seed: 8,
      organizations: [DEMO_ORGANIZATION],
      messages: 60,
      start: START,
      end: END,
      recipients: ['complained@yahoo.com', 'complaint@outlook.com', 'bounced@gmail.com', 'delivered@gmx.de'],
    }),
  ];
  rows = rowsFor(orgA);
  await insertEventRows(analytics.store, rows);
  // Every third event delivered again (an EventBridge retry past the ingest's dedupe, ingested later).
  await insertEventRows(
    analytics.store,
    rows
      .filter((_, i) => i % 3 === 0)
      .map((r) => ({ ...r, ingested_at: r.event_time.replace(/^2026/, '2027') })),
  );
  await insertEventRows(analytics.store, rowsFor(orgB));
}, 120_000);
afterAll(async () => {
  await analytics?.destroy();
});

const filterOf = (
  from: number,
  to: number,
  timezone = 'UTC',
  channelId?: string,
  org = orgA,
): ReportFilter => ({
  organizationId: org.id,
  from: new Date(from),
  to: new Date(to),
  timezone,
  channelId,
});

// ---- the oracle ----

function pct(numerator: number, denominator: number, digits = 2): number | null {
  if (denominator === 0) return null;
  // Half away from zero at `digits` decimals, in integers: round(n·100·10^d / den).
  const scaled = BigInt(numerator) * 100n * 10n ** BigInt(digits);
  const q = scaled / BigInt(denominator);
  const r = scaled % BigInt(denominator);
  const up = r * 2n >= BigInt(denominator) ? 1n : 0n;
  return Number(q + up) / 10 ** digits;
}

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

function selected(filter: ReportFilter): EventRow[] {
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  return rows.filter(
    (r) =>
      at(r) >= from && at(r) < to && (filter.channelId === undefined || r.channel_id === filter.channelId),
  );
}

function localKey(time: number, timezone: string, hourly: boolean): string {
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

function localMinute(time: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(time));
}

function counts(list: EventRow[]) {
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

function rates(c: ReturnType<typeof counts>) {
  return {
    hardBouncePct: pct(c.hardBounces, c.sends),
    softBouncePct: pct(c.softBounces, c.sends),
    totalBouncePct: pct(c.hardBounces + c.softBounces, c.sends),
    complaintPct: pct(c.complaints, c.deliveries, 3),
    deliveryPct: pct(c.deliveries, c.sends),
  };
}

function groupBy<K>(list: EventRow[], key: (r: EventRow) => K): Map<K, EventRow[]> {
  const map = new Map<K, EventRow[]>();
  for (const r of list) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
}

function oracleDeliverability(filter: ReportFilter) {
  const list = selected(filter);
  const hourly = filter.to.getTime() - filter.from.getTime() <= 2 * DAY;
  const counted = list.filter((r) =>
    ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'].includes(r.event_type),
  );
  const c = counts(counted);
  const bounceRate = (c.hardBounces + c.softBounces) / c.sends;
  const complaintRate = c.deliveries === 0 ? 0 : c.complaints / c.deliveries;
  const score =
    c.sends === 0
      ? null
      : Math.max(
          0,
          Math.round(
            100 -
              50 * Math.min(1, bounceRate / 0.1) -
              40 * Math.min(1, complaintRate / 0.001) -
              10 * (1 - Math.min(1, c.deliveries / c.sends)),
          ),
        );
  const trend = [...groupBy(counted, (r) => localKey(at(r), filter.timezone, hourly)).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, group]) => ({ key, ...counts(group), ...rates(counts(group)) }));
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
  return { totals: { ...c, ...rates(c), reputationScore: score }, trend, bounceReasons, complaintReasons };
}

async function reportDeliverability(filter: ReportFilter) {
  const report = await deliverabilityReport(analytics.store, filter);
  const hourly = report.bucketSize === 'hour';
  for (const bucket of report.trend) {
    // Every bucket starts at a local midnight (or the top of a local hour).
    const local = localMinute(Date.parse(bucket.start), filter.timezone);
    expect(hourly ? local.slice(3) : local).toBe(hourly ? '00' : '00:00');
  }
  return {
    totals: report.totals,
    trend: report.trend.map(({ start, ...rest }) => ({
      key: localKey(Date.parse(start), filter.timezone, hourly),
      ...rest,
    })),
    bounceReasons: report.bounceReasons.map((r) => ({
      key: `${r.bounceType}/${r.bounceSubType}`,
      bounces: r.bounces,
      pct: r.pct,
    })),
    complaintReasons: report.complaintReasons,
  };
}

function oracleProviders(filter: ReportFilter) {
  const length = filter.to.getTime() - filter.from.getTime();
  const prev = { ...filter, from: new Date(filter.from.getTime() - length), to: filter.from };
  const tally = (list: EventRow[]) => {
    const map = new Map<
      string,
      { sends: number; deliveries: number; bounces: number; complaints: number; rejects: number }
    >();
    for (const r of list) {
      const key = r.provider === '' ? '(unknown)' : r.provider;
      const t = map.get(key) ?? { sends: 0, deliveries: 0, bounces: 0, complaints: 0, rejects: 0 };
      if (r.event_type === 'Send') t.sends++;
      else if (r.event_type === 'Delivery') t.deliveries++;
      else if (r.event_type === 'Bounce') t.bounces++;
      else if (r.event_type === 'Complaint') t.complaints++;
      else if (r.event_type === 'Reject') t.rejects++;
      else continue;
      map.set(key, t);
    }
    return map;
  };
  const now = tally(selected(filter));
  const before = tally(selected(prev));
  const ranked = [...now.entries()].sort(([a, x], [b, y]) => y.sends - x.sends || (a < b ? -1 : 1));
  const add = (a: typeof zero, b: typeof zero) => ({
    sends: a.sends + b.sends,
    deliveries: a.deliveries + b.deliveries,
    bounces: a.bounces + b.bounces,
    complaints: a.complaints + b.complaints,
    rejects: a.rejects + b.rejects,
  });
  const zero = { sends: 0, deliveries: 0, bounces: 0, complaints: 0, rejects: 0 };
  const entries: [string, boolean, typeof zero, typeof zero][] = ranked
    .slice(0, 8)
    .map(([p, c]) => [p, false, c, before.get(p) ?? zero]);
  const tail = ranked.slice(8);
  if (tail.length > 0) {
    entries.push([
      'Other',
      true,
      tail.map(([, c]) => c).reduce(add, zero),
      tail.map(([p]) => before.get(p) ?? zero).reduce(add, zero),
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

function oracleLatency(filter: ReportFilter) {
  const hourly = filter.to.getTime() - filter.from.getTime() <= 2 * DAY;
  const deliveries = selected(filter).filter((r) => r.event_type === 'Delivery');
  return {
    totals: latencyFigures(deliveries),
    trend: [...groupBy(deliveries, (r) => localKey(at(r), filter.timezone, hourly)).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, group]) => ({ key, ...latencyFigures(group) })),
  };
}

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

function oracleEngagement(filter: ReportFilter) {
  const hourly = filter.to.getTime() - filter.from.getTime() <= 2 * DAY;
  const list = selected(filter).filter((r) =>
    ['Send', 'Delivery', 'Bounce', 'Complaint', 'Open', 'Click'].includes(r.event_type),
  );
  const engaged = list.filter((r) => ['Delivery', 'Open', 'Click'].includes(r.event_type));
  return {
    totals: engagementFigures(list),
    trend: [...groupBy(engaged, (r) => localKey(at(r), filter.timezone, hourly)).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, group]) => ({ key, ...engagementFigures(group) })),
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

async function reportEngagement(filter: ReportFilter) {
  const report = await engagementReport(analytics.store, filter);
  const hourly = report.bucketSize === 'hour';
  return {
    totals: report.totals,
    trend: report.trend.map(({ start, ...rest }) => ({
      key: localKey(Date.parse(start), filter.timezone, hourly),
      ...rest,
    })),
    domains: report.domains,
    templates: report.templates,
  };
}

async function reportLatency(filter: ReportFilter) {
  const report = await latencyReport(analytics.store, filter);
  const hourly = report.bucketSize === 'hour';
  return {
    totals: report.totals,
    trend: report.trend.map(({ start, ...rest }) => ({
      key: localKey(Date.parse(start), filter.timezone, hourly),
      ...rest,
    })),
  };
}

// ---- the cases ----

const week = filterOf(MID, END);
const cases: [string, () => ReportFilter][] = [
  ['the second week (UTC)', () => week],
  [
    'the whole range in New York (day boundaries at 04:00 UTC)',
    () => filterOf(START, END, 'America/New_York'),
  ],
  ['a day in Kolkata by hour (+05:30)', () => filterOf(MID, MID + DAY, 'Asia/Kolkata')],
  [
    'a range across the first week in Tokyo',
    () => filterOf(START + 3 * DAY + 5 * 3600_000, MID + 2 * DAY, 'Asia/Tokyo'),
  ],
  ['one channel', () => filterOf(START, END, 'Europe/Berlin', [...orgA.channels.values()][0])],
];

describe('the data set', () => {
  it('holds duplicates, several providers and every counted event type', async () => {
    const result = await analytics.store.client.query({
      query: `SELECT toUInt64(count()) AS n FROM ${qualified(analytics.store, 'ses_events')} WHERE organization_id = {id:UUID}`,
      query_params: { id: orgA.id },
      format: 'JSONEachRow',
    });
    const [{ n }] = (await result.json<{ n: string }>()) as [{ n: string }];
    expect(Number(n)).toBeGreaterThan(rows.length);
    const types = new Set(rows.map((r) => r.event_type));
    for (const type of ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject', 'Open', 'Click'])
      expect(types).toContain(type);
    expect(new Set(selected(week).map((r) => r.provider)).size).toBeGreaterThan(9);
  });
});

describe.each(cases)('reports for %s equal the oracle', (_, filter) => {
  it('deliverability: headline, trend, bounce and complaint reasons', async () => {
    const expected = oracleDeliverability(filter());
    expect(expected.totals.sends).toBeGreaterThan(0);
    expect(await reportDeliverability(filter())).toEqual(expected);
  });
  it('providers: top 8, Other, deltas', async () => {
    expect((await providerReport(analytics.store, filter())).items).toEqual(oracleProviders(filter()));
  });
  it('latency percentiles and trend', async () => {
    expect(await reportLatency(filter())).toEqual(oracleLatency(filter()));
  });
  it('engagement: over time, domains, template performance', async () => {
    expect(await reportEngagement(filter())).toEqual(oracleEngagement(filter()));
  });
});

describe('special cases', () => {
  it('Other is last whatever the sort', async () => {
    const { items } = await providerReport(analytics.store, week);
    expect(items).toHaveLength(9);
    expect(items.at(-1)?.provider).toBe('Other');
    expect(items.filter((r) => r.isOther)).toHaveLength(1);
    for (const key of ['sends', 'bouncePct', 'provider', 'rejectPctDelta'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = sortProviders(items, key, direction);
        expect(sorted.at(-1)?.isOther).toBe(true);
        expect(sorted).toHaveLength(items.length);
      }
    }
  });

  it('a provider with no prior period shows no delta', async () => {
    const firstWeek = await providerReport(analytics.store, filterOf(START, MID));
    // In the first week the previous period (before START) is empty: every row is new, no deltas.
    expect(firstWeek.items.length).toBeGreaterThan(0);
    for (const row of firstWeek.items) {
      expect([row.bouncePctDelta, row.complaintPctDelta, row.rejectPctDelta]).toEqual([null, null, null]);
    }
  });

  it('a zero-send period: no rates, no score, empty trends', async () => {
    const empty = filterOf(END + 30 * DAY, END + 37 * DAY);
    const deliverability = await deliverabilityReport(analytics.store, empty);
    expect(deliverability.totals).toEqual({
      sends: 0,
      deliveries: 0,
      hardBounces: 0,
      softBounces: 0,
      complaints: 0,
      rejects: 0,
      hardBouncePct: null,
      softBouncePct: null,
      totalBouncePct: null,
      complaintPct: null,
      deliveryPct: null,
      reputationScore: null,
    });
    expect(deliverability.trend).toEqual([]);
    expect((await providerReport(analytics.store, empty)).items).toEqual([]);
    expect((await latencyReport(analytics.store, empty)).totals).toEqual({
      deliveries: 0,
      p50: null,
      p95: null,
      p99: null,
    });
    const engagement = await engagementReport(analytics.store, empty);
    expect(engagement.totals.openPct).toBeNull();
    expect(engagement.templates).toEqual([]);
  });

  it('two organizations with identical events see identical, separate figures', async () => {
    const a = await deliverabilityReport(analytics.store, week);
    const b = await deliverabilityReport(analytics.store, { ...week, organizationId: orgB.id });
    expect(b).toEqual(a);
    expect((await engagementReport(analytics.store, { ...week, organizationId: orgB.id })).templates).toEqual(
      (await engagementReport(analytics.store, week)).templates,
    );
    // A's channel id means nothing in B.
    const channel = [...orgA.channels.values()][0];
    const crossed = await deliverabilityReport(analytics.store, {
      ...week,
      organizationId: orgB.id,
      channelId: channel,
    });
    expect(crossed.totals.sends).toBe(0);
  });
});
