import { type AnalyticsStore, qualified } from './analytics-store.ts';

/**
 * How long a day of ses_events stays open after it ends: EventBridge retries a delivery for up to 24
 * hours, and the ingest spool may hold it a while longer during an outage. A later arrival is not lost
 * either way: it adds a part, and the next compaction merges the day again.
 */
export const SETTLE_MS = 48 * 3_600_000;

export interface CompactionOptions {
  /** The clock (tests and benchmarks pass one); default now. */
  now?: Date;
  /** Days that ended less than this long ago are left to ClickHouse's own merges. Default SETTLE_MS. */
  settleMs?: number;
}

export interface CompactedPartition {
  /** The partition id, `YYYYMMDD`. */
  partition: string;
  /** Active parts before the merge. */
  parts: number;
}

/**
 * Merges every settled day of ses_events into a single part (`OPTIMIZE ... PARTITION ... FINAL`). A
 * partition with a single merged part is one that FINAL reads without merging, so reports pay for
 * FINAL only on the open days. Days already in one merged part are skipped, so running it often is
 * cheap; a day that receives a late event is merged again on the next run.
 */
export async function compactSettledPartitions(
  store: AnalyticsStore,
  options: CompactionOptions = {},
): Promise<CompactedPartition[]> {
  const now = options.now ?? new Date();
  const settledBefore = new Date(now.getTime() - (options.settleMs ?? SETTLE_MS));
  // A day is settled when it ended before `settledBefore`: its partition id is below that day's.
  const firstOpenDay = settledBefore.toISOString().slice(0, 10).replaceAll('-', '');
  const result = await store.client.query({
    query: `
      SELECT partition_id AS partition, toUInt32(count()) AS parts
      FROM system.parts
      WHERE database = {database:String} AND table = 'ses_events' AND active
        AND partition_id < {firstOpenDay:String}
      GROUP BY partition_id
      -- A single part straight from an insert (level 0) is not trusted by FINAL either.
      HAVING parts > 1 OR min(level) = 0
      ORDER BY partition_id`,
    query_params: { database: store.database, firstOpenDay },
    format: 'JSONEachRow',
  });
  const partitions = await result.json<CompactedPartition>();
  const onCluster = store.cluster ? ` ON CLUSTER '${store.cluster}'` : '';
  for (const { partition } of partitions) {
    if (!/^\d{8}$/.test(partition)) throw new Error(`unexpected ses_events partition id ${partition}`);
    await store.client.command({
      query: `OPTIMIZE TABLE ${qualified(store, 'ses_events')}${onCluster} PARTITION ID '${partition}' FINAL`,
    });
  }
  return partitions.map((p) => ({ partition: p.partition, parts: Number(p.parts) }));
}
