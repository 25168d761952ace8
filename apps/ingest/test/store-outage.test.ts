import { randomUUID } from 'node:crypto';
import type { AnalyticsStore } from '@sendops/analytics';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, expectEventRows, freshEvent, type Harness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => {
  await harness.destroy();
});

/**
 * The real ClickHouse engine behind a switch that makes every write fail the way an unreachable
 * server does, so the test controls when the outage starts and ends.
 */
function withOutageSwitch(store: AnalyticsStore) {
  const state = { down: false };
  const refused = () =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
  const client = new Proxy(store.client, {
    get(target, property, receiver) {
      if (['insert', 'exec', 'ping'].includes(property as string) && state.down) {
        return async () => {
          throw refused();
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const { rawInsert } = store;
  if (!rawInsert) throw new Error('the store has no raw insert path');
  const switched: AnalyticsStore = {
    ...store,
    client,
    rawInsert: async (table, body, settings) => {
      if (state.down) throw refused();
      await rawInsert(table, body, settings);
    },
  };
  return { store: switched, state };
}

it('keeps acknowledged events through a ClickHouse outage, answers fast 503s when full, and recovers', async () => {
  const org = await harness.createOrg({ identities: ['example.com'] });
  const { store, state } = withOutageSwitch(harness.store);
  const service = await harness.startService({
    store,
    settings: { spoolMaxBytes: 40_000, batchMaxAgeMs: 20 },
  });
  const post = (id: string) =>
    service.app.inject({
      method: 'POST',
      url: '/ingest/eventbridge',
      headers: { 'x-api-key': org.apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...freshEvent('delivery'), id }),
    });

  state.down = true;
  const acknowledged: string[] = [];
  let refused = 0;
  for (let i = 0; i < 60; i++) {
    const id = randomUUID();
    const started = performance.now();
    const response = await post(id);
    if (response.statusCode === 200) acknowledged.push(id);
    else {
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBeDefined();
      // "fast": answered without waiting on the dead store (generous bound, not a benchmark).
      expect(performance.now() - started).toBeLessThan(1_000);
      refused++;
    }
  }
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(refused).toBeGreaterThan(0);
  const ready = await service.app.inject({ url: '/readyz' });
  expect(ready.statusCode).toBe(503);

  state.down = false; // the loader retries on its own schedule: no restart needed
  await expectEventRows(harness.store, org.id, acknowledged.length);
  const keys = await harness.store.client.query({
    query: `SELECT event_id FROM ${harness.store.database}.ses_events FINAL WHERE organization_id = {org:UUID}`,
    query_params: { org: org.id },
    format: 'JSONEachRow',
  });
  expect((await keys.json<{ event_id: string }>()).map((k) => k.event_id).sort()).toEqual(
    [...acknowledged].sort(),
  );

  const after = await post(randomUUID());
  expect(after.statusCode).toBe(200);
  await expect
    .poll(async () => (await service.app.inject({ url: '/readyz' })).statusCode, { timeout: 15_000 })
    .toBe(200);
  await expectEventRows(harness.store, org.id, acknowledged.length + 1);
});
