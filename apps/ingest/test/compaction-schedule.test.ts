import { randomUUID } from 'node:crypto';
import { type AnalyticsStore, countEvents, insertEventRows } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import type { EventRow } from '@sendops/ses-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleCompaction } from '../src/compaction-schedule.ts';
import { createIngestMetrics } from '../src/metrics.ts';
import { logger } from './support/harness.ts';

const DAY_MS = 86_400_000;

function row(organizationId: string, time: Date): Partial<EventRow> {
  const text = time.toISOString().replace('T', ' ').replace('Z', '');
  return {
    organization_id: organizationId,
    event_id: randomUUID(),
    event_type: 'Delivery',
    event_time: text,
    send_time: text,
    message_id: randomUUID(),
    recipient: 'ana@gmail.com',
  };
}

async function partsOf(store: AnalyticsStore, partition: string): Promise<number> {
  const result = await store.client.query({
    query: `SELECT count() AS n FROM system.parts
            WHERE database = {db:String} AND table = 'ses_events' AND active AND partition_id = {partition:String}`,
    query_params: { db: store.database, partition },
    format: 'JSONEachRow',
  });
  return Number((await result.json<{ n: string }>())[0]?.n);
}

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
    for (let i = 0; i < 3; i++) await insertEventRows(store, [row(org, settled)] as EventRow[]);
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
