// The analytics store's raw JSONEachRow insert, which the spool loader relies on, on the real engine.
import { randomUUID } from 'node:crypto';
import { countEvents, execRawInsert, insertEventRows, insertJsonEachRow } from '@sendops/analytics';
import type { EventRow } from '@sendops/ses-events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, deliveryRow, type Harness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => {
  await harness.destroy();
});

const body = (rows: EventRow[], separator = '\n') =>
  Buffer.from(`${rows.map((r) => JSON.stringify(r)).join(separator)}\n`);

async function storedRows(organizationId: string): Promise<EventRow[]> {
  const result = await harness.store.client.query({
    query: `SELECT * FROM ${harness.store.database}.ses_events WHERE organization_id = {org:UUID} ORDER BY recipient`,
    query_params: { org: organizationId },
    format: 'JSONEachRow',
  });
  return result.json<EventRow>();
}

it('stores rows separated by any JSON whitespace, column for column', async () => {
  const org = randomUUID();
  const rows = ['a@example.com', 'b@example.com', 'c@example.com'].map((r) => deliveryRow(org, r));
  const padded = Buffer.concat([
    Buffer.from('      '),
    body(rows.slice(0, 2), '\t'),
    Buffer.from('   \n'),
    body(rows.slice(2)),
  ]);
  await insertJsonEachRow(harness.store, 'ses_events', padded);
  expect(await storedRows(org)).toEqual(rows);
});

it('skips a retried batch with the same token and stores token-less batches after it', async () => {
  const org = randomUUID();
  const batch = body([deliveryRow(org, 'a@example.com'), deliveryRow(org, 'b@example.com')]);
  await insertJsonEachRow(harness.store, 'ses_events', batch, { dedupeToken: `raw-${org}` });
  await insertJsonEachRow(harness.store, 'ses_events', batch, { dedupeToken: `raw-${org}` });
  await insertJsonEachRow(harness.store, 'ses_events', body([deliveryRow(org, 'c@example.com')]));
  await insertEventRows(harness.store, [deliveryRow(org, 'd@example.com')]);
  // Without FINAL: the token, not the ReplacingMergeTree, kept the replayed batch out.
  const raw = await harness.store.client.query({
    query: `SELECT count() AS n FROM ${harness.store.database}.ses_events WHERE organization_id = {org:UUID}`,
    query_params: { org },
    format: 'JSONEachRow',
  });
  expect(Number((await raw.json<{ n: string }>())[0]!.n)).toBe(4);
});

it('reports data the engine refuses with its ClickHouse error type', async () => {
  const bad = { ...deliveryRow(randomUUID(), 'a@example.com'), event_time: 'not a time' };
  await expect(insertJsonEachRow(harness.store, 'ses_events', body([bad]))).rejects.toMatchObject({
    type: expect.stringMatching(/^CANNOT_PARSE_/),
  });
});

it('also works through the client, the path a ClickHouse server takes', async () => {
  const org = randomUUID();
  const viaClient = { ...harness.store, rawInsert: execRawInsert(harness.store.client) };
  const rows = [deliveryRow(org, 'a@example.com'), deliveryRow(org, 'b@example.com')];
  await insertJsonEachRow(viaClient, 'ses_events', body(rows), { dedupeToken: `client-${org}` });
  expect(await countEvents(harness.store, org)).toBe(2);
});
