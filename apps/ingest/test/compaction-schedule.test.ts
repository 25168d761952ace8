import { randomUUID } from 'node:crypto';
import { type AnalyticsStore, countEvents, insertEventRows } from '@sendops/analytics';
import {
  createTestAnalytics,
  keyedEventRow,
  sesEventsParts,
  type TestAnalytics,
} from '@sendops/analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleCompaction } from '../src/compaction-schedule.ts';
import { createIngestMetrics } from '../src/metrics.ts';
import { logger } from './support/harness.ts';

const DAY_MS = 86_400_000;

const partsOf = async (store: AnalyticsStore, partition: string) =>
  (await sesEventsParts(store)).get(partition)?.parts ?? 0;

const counterValue = async (metrics: ReturnType<typeof createIngestMetrics>, name: string) =>
  (await metrics.registry.getSingleMetricAsString(name)).match(/ (\d+)$/m)?.[1];

let analytics: TestAnalytics;
beforeAll(async () => {
  analytics = await createTestAnalytics();
});
afterAll(async () => {
  await analytics.destroy();
});

describe('scheduleCompaction', () => {
  it('merges a settled day left in several parts, and counts it', async () => {
    const { store } = analytics;
    const org = randomUUID();
    const settled = new Date(Date.now() - 5 * DAY_MS);
    const partition = settled.toISOString().slice(0, 10).replaceAll('-', '');
    await store.client.command({ query: `SYSTEM STOP MERGES ${store.database}.ses_events` });
    for (let i = 0; i < 3; i++) await insertEventRows(store, [keyedEventRow(org, settled)]);
    expect(await partsOf(store, partition)).toBe(3);
    await store.client.command({ query: `SYSTEM START MERGES ${store.database}.ses_events` });

    const metrics = createIngestMetrics();
    const schedule = scheduleCompaction({ store, intervalMs: 50, metrics, log: logger });
    try {
      await expect.poll(() => partsOf(store, partition), { timeout: 10_000 }).toBe(1);
    } finally {
      await schedule.stop();
    }
    expect(await countEvents(store, org)).toBe(3);
    expect(await counterValue(metrics, 'sendops_ingest_partitions_compacted_total')).not.toBe('0');
  });

  const failingStore = () =>
    ({
      ...analytics.store,
      client: {
        query: async () => {
          throw new Error('ClickHouse is down');
        },
      },
    }) as unknown as AnalyticsStore;
  const storeErrors = async (metrics: ReturnType<typeof createIngestMetrics>) =>
    Number((await counterValue(metrics, 'sendops_ingest_store_errors_total')) ?? 0);

  it('counts a failed run as a store error and keeps the schedule going', async () => {
    const metrics = createIngestMetrics();
    const schedule = scheduleCompaction({ store: failingStore(), intervalMs: 20, metrics, log: logger });
    try {
      await expect.poll(() => storeErrors(metrics), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await schedule.stop();
    }
  });

  it('never runs when the interval is 0', async () => {
    const metrics = createIngestMetrics();
    const schedule = scheduleCompaction({ store: failingStore(), intervalMs: 0, metrics, log: logger });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await schedule.stop();
    expect(await storeErrors(metrics)).toBe(0);
  });
});
