import { randomUUID } from 'node:crypto';
import { compactSettledPartitions, insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import type { EventRow } from '@sendops/ses-events';
import { DEMO_ORGANIZATION, generateMessages, type SimulatedMessage } from '@sendops/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportFilter, sesCostReport, type TrendMonths } from '../src/index.ts';
import { iso } from './support/event-time.ts';
import { simulatedRows } from './support/simulated-rows.ts';

/**
 * Oracle for SES cost estimates: simulator traffic over four months for two organizations with
 * identical events (org A's delivered twice), every figure recomputed here from the rows with the rate
 * card restated ($0.10 per 1,000 sends, first 62,000 a month free on EC2), and required equal.
 */

const DAY = 86_400_000;
// Sends from 2026-08-01 to 2026-11-20 (UTC); "now" is 2026-11-20 12:00 UTC.
const START = Date.UTC(2026, 7, 1);
const NOW = new Date(Date.UTC(2026, 10, 20, 12));

let analytics: TestAnalytics;
const orgA = randomUUID();
const orgB = randomUUID();
const emptyOrg = randomUUID();
let sends: EventRow[];
const channelIds = new Map<string, string>();

const rowsFor = (organizationId: string, messages: SimulatedMessage[]) =>
  simulatedRows(messages, { organizationId, channels: channelIds, before: NOW.getTime() });

beforeAll(async () => {
  analytics = await createTestAnalytics();
  // September above the free tier, October silent (a zero-send month), the rest light.
  const windows: [number, number, number][] = [
    [START, Date.UTC(2026, 8, 1), 400],
    [Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 1), 300],
    [Date.UTC(2026, 10, 1), NOW.getTime(), 800],
  ];
  const messages = windows.flatMap(([start, end, count], seed) =>
    generateMessages({ seed: seed + 11, organizations: [DEMO_ORGANIZATION], messages: count, start, end }),
  );
  const rowsA = rowsFor(orgA, messages);
  // Sends exactly on month edges: 23:59:59.999 of Oct 31 counts for October, 00:00 Nov 1 for November.
  const template = rowsA.find((r) => r.event_type === 'Send') as EventRow;
  const edge = (id: string, time: string): EventRow => ({ ...template, event_id: id, event_time: time });
  rowsA.push(edge('edge-oct', '2026-10-31 23:59:59.999'), edge('edge-nov', '2026-11-01 00:00:00.000'));
  // A bulk campaign of 63,000 sends across September, so that month goes past the free tier.
  const septemberSends = rowsA.filter((r) => r.event_type === 'Send' && r.event_time.startsWith('2026-09'));
  for (let i = 0; i < 63_000; i++) {
    const base = septemberSends[i % septemberSends.length] as EventRow;
    const time = new Date(Date.UTC(2026, 8, 1) + ((i * 41_000) % (30 * DAY)));
    rowsA.push({
      ...base,
      event_id: `campaign-${i}`,
      event_time: time.toISOString().replace('T', ' ').replace('Z', ''),
    });
  }
  sends = rowsA.filter((r) => r.event_type === 'Send');
  await insertEventRows(analytics.store, rowsA);
  // Half of org A's sends delivered again (a retry past the ingest's dedupe): must not count twice.
  await insertEventRows(
    analytics.store,
    sends.filter((_, i) => i % 2 === 0).map((r) => ({ ...r, ingested_at: '2027-01-01 00:00:00.000' })),
  );
  await insertEventRows(
    analytics.store,
    rowsA.map((r) => ({ ...r, organization_id: orgB })),
  );
}, 120_000);
afterAll(async () => {
  await analytics?.destroy();
});

// --- the oracle: the spec's arithmetic, restated ---
const RATE = 0.1 / 1000;
const FREE = 62_000;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const cost = (count: number, freeTier: boolean) =>
  round4((freeTier ? Math.max(0, count - FREE) : count) * RATE);

function expected(rows: EventRow[], months: TrendMonths, freeTier: boolean, now: Date) {
  const monthOf = (r: EventRow) => iso(r.event_time).slice(0, 7);
  const keys: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    keys.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  }
  const inRange = rows.filter(
    (r) => keys.includes(monthOf(r)) && Date.parse(iso(r.event_time)) < now.getTime(),
  );
  const perMonth = keys.map((key) => inRange.filter((r) => monthOf(r) === key).length);
  const billable = perMonth.map((n) => (freeTier ? Math.max(0, n - FREE) : n));
  const total = round4(billable.reduce((a, b) => a + b, 0) * RATE);
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const elapsed = (now.getTime() - monthStart) / DAY;
  const mtd = perMonth[months - 1] as number;
  const projectedSends = Math.round((mtd / elapsed) * days);
  const last = cost(perMonth[months - 2] as number, freeTier);
  const projected = cost(projectedSends, freeTier);
  const byChannel = new Map<string, number>();
  for (const r of inRange) byChannel.set(r.channel_id, (byChannel.get(r.channel_id) ?? 0) + 1);
  const totalSends = inRange.length;
  return {
    trend: keys.map((month, i) => ({
      month,
      sends: perMonth[i],
      billableSends: billable[i],
      costUsd: cost(perMonth[i] as number, freeTier),
      current: i === months - 1,
    })),
    current: {
      month: keys[months - 1],
      sends: mtd,
      costUsd: cost(mtd, freeTier),
      projectedSends,
      projectedCostUsd: projected,
      lastMonthCostUsd: last,
      changeVsLastMonth: last > 0 ? projected / last - 1 : null,
      dailyRunRateUsd: round4(cost(mtd, freeTier) / elapsed),
      elapsedDays: elapsed,
      daysInMonth: days,
      progress: elapsed / days,
    },
    totals: { sends: totalSends, costUsd: total },
    channels: [...byChannel]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([channelId, n]) => ({
        channelId,
        sends: n,
        share: n / totalSends,
        costUsd: round4(total * (n / totalSends)),
      })),
  };
}

const filterFor = (organizationId: string, now = NOW): ReportFilter => ({
  organizationId,
  from: new Date(0),
  to: now,
  timezone: 'Europe/Berlin',
});

describe('SES cost estimates (oracle)', () => {
  it.each([
    [3, true],
    [6, true],
    [12, true],
    [6, false],
  ] as const)('equal the plain computation for %i months, free tier %s', async (months, freeTier) => {
    const report = await sesCostReport(analytics.store, filterFor(orgA), { months, freeTier });
    const want = expected(sends, months, freeTier, NOW);
    expect(report.trend).toEqual(want.trend);
    expect(report.current).toEqual(want.current);
    expect(report.totals).toEqual(want.totals);
    expect(report.channels).toEqual(want.channels);
    expect(report.rateCard.version).toBe('2025-01');
  });

  it('prices September above the free tier and October at zero, with the month edges exact', async () => {
    const report = await sesCostReport(analytics.store, filterFor(orgA), { months: 6, freeTier: true });
    const september = report.trend.find((m) => m.month === '2026-09');
    expect(september?.sends).toBeGreaterThan(62_000);
    expect(september?.costUsd).toBeGreaterThan(0);
    expect(report.trend.find((m) => m.month === '2026-10')).toMatchObject({ sends: 1, costUsd: 0 });
    const withoutFreeTier = await sesCostReport(analytics.store, filterFor(orgA), {
      months: 6,
      freeTier: false,
    });
    expect(withoutFreeTier.current.costUsd).toBeGreaterThan(report.current.costUsd);
  });

  it('gives identical organizations identical figures, and nothing to an organization without events', async () => {
    const a = await sesCostReport(analytics.store, filterFor(orgA), { months: 12, freeTier: true });
    const b = await sesCostReport(analytics.store, filterFor(orgB), { months: 12, freeTier: true });
    expect(b).toEqual(a);
    const empty = await sesCostReport(analytics.store, filterFor(emptyOrg), { months: 3, freeTier: true });
    expect(empty.totals).toEqual({ sends: 0, costUsd: 0 });
    expect(empty.channels).toEqual([]);
    expect(empty.current).toMatchObject({ sends: 0, projectedSends: 0, changeVsLastMonth: null });
  });

  it('restricts to one channel', async () => {
    const all = await sesCostReport(analytics.store, filterFor(orgA), { months: 6, freeTier: false });
    const top = all.channels[0]!;
    const one = await sesCostReport(
      analytics.store,
      { ...filterFor(orgA), channelId: top.channelId },
      { months: 6, freeTier: false },
    );
    expect(one.totals.sends).toBe(top.sends);
    expect(one.channels).toEqual([
      { channelId: top.channelId, sends: top.sends, share: 1, costUsd: one.totals.costUsd },
    ]);
  });
});

describe('SES cost estimates from daily rollups (oracle)', () => {
  it('stay equal to the plain computation once settled days are rolled up, late events included', async () => {
    const compacted = await compactSettledPartitions(analytics.store, { now: NOW });
    expect(compacted.length).toBeGreaterThan(30);
    for (const months of [3, 12] as const) {
      const report = await sesCostReport(analytics.store, filterFor(orgA), { months, freeTier: true });
      const want = expected(sends, months, true, NOW);
      expect(report.trend).toEqual(want.trend);
      expect(report.totals).toEqual(want.totals);
      expect(report.channels).toEqual(want.channels);
    }
    // A send arriving days late for a rolled-up day counts at once (its day is read raw while its rollup
    // is older than the new part), and still after the next compaction has rolled the day up again.
    const late = { ...(sends[0] as EventRow), event_id: 'late-send', event_time: '2026-09-15 10:00:00.000' };
    await insertEventRows(analytics.store, [late]);
    const want = expected([...sends, late], 6, false, NOW);
    const beforeCompaction = await sesCostReport(analytics.store, filterFor(orgA), {
      months: 6,
      freeTier: false,
    });
    expect(beforeCompaction.trend).toEqual(want.trend);
    expect(beforeCompaction.channels).toEqual(want.channels);
    expect((await compactSettledPartitions(analytics.store, { now: NOW })).map((p) => p.partition)).toEqual([
      '20260915',
    ]);
    // Rolled up once more: the day is answered from its rollup again, and nothing is left to redo.
    expect(await compactSettledPartitions(analytics.store, { now: NOW })).toEqual([]);
    const report = await sesCostReport(analytics.store, filterFor(orgA), { months: 6, freeTier: false });
    expect(report.trend).toEqual(want.trend);
    expect(report.channels).toEqual(want.channels);
  });
});
