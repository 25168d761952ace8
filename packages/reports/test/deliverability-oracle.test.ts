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
import {
  eventTime,
  localKey,
  localMinute,
  oracleDeliverability,
  oracleEngagement,
  oracleLatency,
  oracleProviders,
  selected,
} from './support/deliverability-oracle.ts';
import { simulatedRows } from './support/simulated-rows.ts';

/**
 * Oracle: simulator traffic for two organizations with identical events, org A's delivered twice;
 * every figure of the Deliverability, Providers, Latency and Engagement reports recomputed in plain
 * TypeScript from the same rows (support/deliverability-oracle.ts) and required to be equal.
 */

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1);
const MID = START + 7 * DAY;
const END = START + 14 * DAY;

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
    .filter((r) => r.event_type === 'Send' && eventTime(r) >= MID)
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

// ---- the reports, shaped as the oracle reports them ----

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
    expect(new Set(selected(rows, week).map((r) => r.provider)).size).toBeGreaterThan(9);
  });
});

describe.each(cases)('reports for %s equal the oracle', (_, filter) => {
  it('deliverability: headline, trend, bounce and complaint reasons', async () => {
    const expected = oracleDeliverability(rows, filter());
    expect(expected.totals.sends).toBeGreaterThan(0);
    expect(await reportDeliverability(filter())).toEqual(expected);
  });
  it('providers: top 8, Other, deltas', async () => {
    expect((await providerReport(analytics.store, filter())).items).toEqual(oracleProviders(rows, filter()));
  });
  it('latency percentiles and trend', async () => {
    expect(await reportLatency(filter())).toEqual(oracleLatency(rows, filter()));
  });
  it('engagement: over time, domains, template performance', async () => {
    expect(await reportEngagement(filter())).toEqual(oracleEngagement(rows, filter()));
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
