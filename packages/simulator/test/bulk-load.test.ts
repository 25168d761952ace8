import { randomUUID } from 'node:crypto';
import { countEvents, countEventsByType, FINAL_SETTINGS, qualified } from '@sendops/analytics';
import { createTestAnalytics, type TestAnalytics } from '@sendops/analytics/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BulkLoadProgress, type BulkOrganization, bulkLoad } from '../src/index.ts';

let analytics: TestAnalytics;
beforeAll(async () => {
  analytics = await createTestAnalytics();
});
afterAll(async () => {
  await analytics?.destroy();
});

function tenant(domain: string): BulkOrganization {
  return {
    organizationId: randomUUID(),
    domains: [domain, `mail.${domain}`],
    channelIdsByConfigSet: {
      'sesmail-default': randomUUID(),
      'sesmail-transactional': randomUUID(),
      'sesmail-marketing': randomUUID(),
      'sesmail-onboarding': randomUUID(),
    },
  };
}

describe('bulkLoad', () => {
  it('loads the requested events as rows, per tenant, and a replay adds nothing', async () => {
    const organizations = [tenant('alpha-bulk.dev'), tenant('beta-bulk.io')];
    const to = new Date(Date.UTC(2026, 10, 1));
    const from = new Date(to.getTime() - 3 * 86_400_000);
    const progress: BulkLoadProgress[] = [];
    const options = {
      store: analytics.store,
      organizations,
      events: 3000,
      from,
      to,
      seed: 17,
      batchRows: 1000,
    };
    const result = await bulkLoad({ ...options, onProgress: (p) => progress.push(p) });

    expect(result.events).toBe(3000);
    expect(result.rows).toBeGreaterThanOrEqual(3000);
    expect(result.batches).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)?.rows).toBe(result.rows);
    expect(result.rowsPerSecond).toBeGreaterThan(0);

    const counts = await Promise.all(
      organizations.map((o) => countEvents(analytics.store, o.organizationId)),
    );
    expect(counts[0]).toBeGreaterThan(counts[1] ?? 0); // the first tenant sends the most
    expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(result.rows);
    const types = await countEventsByType(analytics.store, organizations[0]?.organizationId ?? '');
    expect(types.map((t) => t.event_type)).toEqual(expect.arrayContaining(['Send', 'Delivery', 'Open']));

    // Every row carries its tenant's channel id for its configuration set, and a time inside the window.
    const check = await analytics.store.client.query({
      query: `SELECT organization_id, configuration_set, channel_id, min(event_time) AS first, max(event_time) AS last,
                     countIf(raw = '') AS empty_raw
              FROM ${qualified(analytics.store, 'ses_events')} FINAL
              GROUP BY organization_id, configuration_set, channel_id`,
      clickhouse_settings: FINAL_SETTINGS,
      format: 'JSONEachRow',
    });
    const groups = await check.json<{
      organization_id: string;
      configuration_set: string;
      channel_id: string;
      first: string;
      last: string;
      empty_raw: string;
    }>();
    expect(groups.length).toBeGreaterThan(4);
    for (const group of groups) {
      const organization = organizations.find((o) => o.organizationId === group.organization_id);
      expect(group.channel_id).toBe(organization?.channelIdsByConfigSet[group.configuration_set]);
      expect(Date.parse(`${group.first}Z`)).toBeGreaterThanOrEqual(from.getTime() - 1000);
      expect(Date.parse(`${group.last}Z`)).toBeLessThan(to.getTime());
      expect(Number(group.empty_raw)).toBe(0);
    }

    // Same load again: deterministic batches with dedupe tokens, so nothing new is stored.
    await bulkLoad(options);
    const raw = await analytics.store.client.query({
      query: `SELECT count() AS c FROM ${qualified(analytics.store, 'ses_events')}`,
      format: 'JSONEachRow',
    });
    expect(Number((await raw.json<{ c: string }>())[0]?.c)).toBe(result.rows);
  });
});
