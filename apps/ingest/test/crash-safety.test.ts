import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAnalyticsStore, FINAL_SETTINGS } from '@sendops/analytics';
import { addIdentity, createOrganization } from '@sendops/db';
import { createTestDatabase } from '@sendops/db/testing';
import { expect, it } from 'vitest';
import { freshEvent } from './support/harness.ts';

const childScript = path.join(import.meta.dirname, 'support', 'ingest-child.ts');

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`ingest child exited early with ${code}`)));
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

it('loses no acknowledged event and counts none twice when the ingest is SIGKILLed under load', async () => {
  const database = await createTestDatabase();
  const { organization, ingestApiKey } = await createOrganization(database.db, { name: 'Crash test' });
  await addIdentity(database.db, { organizationId: organization.id, kind: 'domain', value: 'example.com' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ingest-crash-'));
  const env = { CHILD_DATA_DIR: dataDir, CHILD_DATABASE_URL: database.url };

  const acknowledged = new Set<string>();
  const unacknowledged = new Set<string>();
  const post = async (url: string, id: string) => {
    const body = JSON.stringify({ ...freshEvent('delivery'), id });
    try {
      const response = await fetch(`${url}/ingest/eventbridge`, {
        method: 'POST',
        headers: { 'x-api-key': ingestApiKey, 'content-type': 'application/json', connection: 'close' },
        body,
      });
      const status = response.ok ? ((await response.json()) as { status: string }).status : '';
      if (status === 'accepted' || status === 'duplicate') {
        acknowledged.add(id);
        unacknowledged.delete(id);
      } else unacknowledged.add(id);
    } catch {
      unacknowledged.add(id);
    }
  };

  // Phase 1: load from 8 concurrent senders, then SIGKILL while requests and loads are in flight.
  const first = await startChild(env);
  let stop = false;
  const senders = Array.from({ length: 8 }, async () => {
    while (!stop) await post(first.url, randomUUID());
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const killed = exited(first.child);
  first.child.kill('SIGKILL');
  stop = true;
  await Promise.all(senders);
  await killed;
  expect(acknowledged.size).toBeGreaterThan(50);

  // Phase 2: restart on the same data directory; EventBridge retries what was not acknowledged,
  // and re-delivers a few acknowledged ones too (at-least-once delivery).
  const second = await startChild(env);
  for (const id of [...unacknowledged]) await post(second.url, id);
  for (const id of [...acknowledged].slice(0, 20)) await post(second.url, id);
  const drained = exited(second.child);
  second.child.kill('SIGTERM');
  await drained;

  // The ingest is gone: open its embedded ClickHouse and count.
  const store = createAnalyticsStore({ database: 'sendops', dataDir });
  const result = await store.client.query({
    query: `SELECT event_id, count() AS copies FROM sendops.ses_events FINAL
            WHERE organization_id = {org:UUID} GROUP BY event_id`,
    query_params: { org: organization.id },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  const stored = new Map(
    (await result.json<{ event_id: string; copies: number }>()).map((r) => [r.event_id, Number(r.copies)]),
  );
  const missing = [...acknowledged].filter((id) => !stored.has(id));
  expect(missing).toEqual([]);
  expect([...stored.values()].every((copies) => copies === 1)).toBe(true);
  expect(stored.size).toBe(acknowledged.size);
  await store.client.close();
  await database.destroy();
}, 120_000);
