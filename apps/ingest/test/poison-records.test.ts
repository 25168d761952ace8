import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnalyticsStore } from '@sendops/analytics';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeSegment } from '../src/spool/segment-format.ts';
import { createHarness, expectEventRows, freshEvent, type Harness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => {
  await harness.destroy();
});

/** The real engine, refusing any batch that contains one marked recipient the way ClickHouse refuses bad data. */
function refusing(store: AnalyticsStore, recipient: string): AnalyticsStore {
  const client = new Proxy(store.client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'insert') return typeof value === 'function' ? value.bind(target) : value;
      return async (params: { values: { recipient?: string }[] }) => {
        if (params.values.some((row) => row.recipient === recipient)) {
          throw Object.assign(new Error('Cannot parse input'), {
            type: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
            code: '27',
          });
        }
        return target.insert(params as never);
      };
    },
  });
  return { ...store, client } as AnalyticsStore;
}

it('stores the good records of a refused batch and quarantines the refused one instead of blocking', async () => {
  const org = await harness.createOrg({ identities: ['example.com'] });
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'ingest-poison-'));
  const service = await harness.startService({
    spoolDir,
    store: refusing(harness.store, 'poison@example.com'),
    settings: { batchMaxAgeMs: 200 },
  });
  const events = [freshEvent('delivery'), freshEvent('delivery'), freshEvent('delivery')];
  events[1]!.detail.delivery.recipients = ['poison@example.com'];
  events[1]!.detail.mail.destination = ['poison@example.com'];
  const responses = await Promise.all(
    events.map((event) =>
      service.app.inject({
        method: 'POST',
        url: '/ingest/eventbridge',
        headers: { 'x-api-key': org.apiKey, 'content-type': 'application/json' },
        payload: JSON.stringify(event),
      }),
    ),
  );
  expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
  await expectEventRows(harness.store, org.id, 2);
  await expect.poll(() => service.loader.pendingSegments).toBe(0);
  expect(service.loader.healthy).toBe(true);

  const quarantine = path.join(spoolDir, 'quarantine');
  const files = readdirSync(quarantine);
  const kept = files.flatMap((file) => decodeSegment(readFileSync(path.join(quarantine, file))).records);
  expect(kept).toHaveLength(1);
  expect(kept[0]).toMatchObject({ t: 'events', rows: [{ recipient: 'poison@example.com' }] });
  const metrics = (await service.app.inject({ url: '/metrics' })).body;
  expect(metrics).toMatch(/sendops_ingest_quarantined_records_total 1/);
});
