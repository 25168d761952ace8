import { type AnalyticsStore, insertRows, qualified } from '@sendops/analytics';
import type { DbExecutor } from '@sendops/db';
import { toClickhouseTime } from '@sendops/ses-events';
import { type ExclusionChange, exclusionChangesSince, latestExclusionRevision } from './exclusions-store.ts';

/**
 * Exclusions live in Postgres; list and preview queries join a mirror of them in ClickHouse
 * (`undeliverable_exclusions`, ReplacingMergeTree by revision) so that 200k cleared addresses cost a
 * join, not a 200k-element query parameter. Before every read, the mirror catches up with the rows
 * changed since the revision it holds; the Postgres check is one indexed max().
 */
const synced = new Map<string, bigint>();

export async function syncExclusionMirror(
  db: DbExecutor,
  store: AnalyticsStore,
  organizationId: string,
): Promise<void> {
  const latest = await latestExclusionRevision(db, organizationId);
  if (latest === 0n) return;
  const key = `${store.database}|${organizationId}`;
  const known = synced.get(key) ?? (await mirroredRevision(store, organizationId));
  if (known >= latest) {
    synced.set(key, known);
    return;
  }
  const changes = await exclusionChangesSince(db, organizationId, known);
  await writeExclusionMirror(store, organizationId, changes);
  // Changes come oldest first. Another process may mirror the same rows too: the highest revision per
  // address wins, so writing them twice changes nothing.
  synced.set(key, changes.at(-1)?.revision ?? known);
}

/** Writes mirror rows as they are (tests and benchmarks write them directly). */
export async function writeExclusionMirror(
  store: AnalyticsStore,
  organizationId: string,
  changes: readonly ExclusionChange[],
): Promise<void> {
  const rows = changes.map((c) => ({
    organization_id: organizationId,
    address: c.address,
    cleared_at: toClickhouseTime(c.clearedAt),
    note: c.note ?? '',
    actor_name: c.actorName ?? '',
    active: c.active ? 1 : 0,
    revision: c.revision.toString(),
  }));
  for (let i = 0; i < rows.length; i += 100_000) {
    await insertRows(store, 'undeliverable_exclusions', rows.slice(i, i + 100_000));
  }
}

async function mirroredRevision(store: AnalyticsStore, organizationId: string): Promise<bigint> {
  const result = await store.client.query({
    query: `SELECT toString(max(revision)) AS revision FROM ${qualified(store, 'undeliverable_exclusions')}
            WHERE organization_id = {organization_id:UUID}`,
    query_params: { organization_id: organizationId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ revision: string }>();
  return BigInt(row?.revision ?? 0);
}
