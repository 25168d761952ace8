import { type AnalyticsStore, qualified } from './analytics-store.ts';

/**
 * How long a day of ses_events stays open after it ends: EventBridge retries a delivery for up to 24
 * hours, and the ingest spool may hold it a while longer during an outage. A later arrival is not lost
 * either way: it adds a part, and the next compaction merges the day (and rolls it up) again.
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
  /** Active parts before the merge; 1 when the day was only rolled up again. */
  parts: number;
}

interface SettledPartition {
  partition: string;
  parts: number;
  min_level: number;
  /** Unix seconds of the newest part: a day whose parts changed after its rollup is rolled up again. */
  modified: number;
}

/**
 * Merges every settled day of ses_events into a single part (`OPTIMIZE ... PARTITION ... FINAL`) and
 * writes its exact daily rollup (ses_daily_counts). A partition with a single merged part is one that
 * FINAL reads without merging, so reports pay for FINAL only on the open days. Days already merged and
 * rolled up are skipped, so running it often is cheap; a day that receives a late event is merged and
 * rolled up again on the next run (until then reports read that day from ses_events: `rolledUpDaysSql`
 * lists a day only while no part of it is newer than its rollup).
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
      SELECT partition_id AS partition, toUInt32(count()) AS parts, toUInt32(min(level)) AS min_level,
             toUInt32(max(modification_time)) AS modified
      FROM system.parts
      WHERE database = {database:String} AND table = 'ses_events' AND active
        AND partition_id < {firstOpenDay:String}
      GROUP BY partition_id
      ORDER BY partition_id`,
    query_params: { database: store.database, firstOpenDay },
    format: 'JSONEachRow',
  });
  const partitions = await result.json<SettledPartition>();
  const rolledUp = await rolledUpAt(store);
  const onCluster = store.cluster ? ` ON CLUSTER '${store.cluster}'` : '';
  const done: CompactedPartition[] = [];
  const toRollUp: { partition: string; day: string }[] = [];
  for (const p of partitions) {
    if (!/^\d{8}$/.test(p.partition)) throw new Error(`unexpected ses_events partition id ${p.partition}`);
    const parts = Number(p.parts);
    // A single part straight from an insert (level 0) is not trusted by FINAL either.
    const merge = parts > 1 || Number(p.min_level) === 0;
    const day = `${p.partition.slice(0, 4)}-${p.partition.slice(4, 6)}-${p.partition.slice(6)}`;
    const rolled = rolledUp.get(day);
    // Part times are whole seconds: a rollup counts as current only from the second after the last write.
    if (!merge && rolled !== undefined && Math.floor(rolled) > Number(p.modified)) continue;
    if (merge) {
      await store.client.command({
        query: `OPTIMIZE TABLE ${qualified(store, 'ses_events')}${onCluster} PARTITION ID '${p.partition}' FINAL`,
      });
    }
    toRollUp.push({ partition: p.partition, day });
    done.push({ partition: p.partition, parts });
  }
  if (toRollUp.length > 0) {
    // Once for all days: a rollup is current only from the second after its day's newest part.
    const startedAt = await clockPastLastWrite(
      store,
      toRollUp.map((d) => d.partition),
    );
    for (const { day } of toRollUp) await rollUpDay(store, day, startedAt);
  }
  return done;
}

/** Per rolled-up day (`YYYY-MM-DD`), when its rollup was written (Unix seconds, fractional). */
async function rolledUpAt(store: AnalyticsStore): Promise<Map<string, number>> {
  const result = await store.client.query({
    query: `SELECT toString(day) AS day, toFloat64(max(computed_at)) AS at
            FROM ${qualified(store, 'ses_rollup_days')} GROUP BY day`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ day: string; at: number }>();
  return new Map(rows.map((row) => [row.day, Number(row.at)]));
}

/**
 * Writes one day's counts, then marks the day rolled up as of `startedAt`, a moment before the counts
 * were read: a part written from that second on (a late event during the rollups) makes the day's
 * rollup stale, never silently missing from it. `insert_deduplicate = 0`: a recomputed day must never be
 * dropped as a repeat of an earlier insert (chDB keeps an earlier statement's deduplication token for
 * the session).
 */
async function rollUpDay(store: AnalyticsStore, day: string, startedAt: string): Promise<void> {
  await store.client.command({
    query: `
      INSERT INTO ${qualified(store, 'ses_daily_counts')} SETTINGS insert_deduplicate = 0
      SELECT organization_id, toDate(event_time) AS day, channel_id, event_type, count() AS events,
             max(retention_days) AS retention_days, now64(3) AS computed_at
      FROM ${qualified(store, 'ses_events')} FINAL
      WHERE toDate(event_time) = {day:Date}
      GROUP BY organization_id, day, channel_id, event_type
      SETTINGS do_not_merge_across_partitions_select_final = 1`,
    query_params: { day },
  });
  await store.client.command({
    query: `INSERT INTO ${qualified(store, 'ses_rollup_days')} SETTINGS insert_deduplicate = 0
            SELECT {day:Date}, toDateTime64({startedAt:String}, 3, 'UTC')`,
    query_params: { day, startedAt },
  });
}

/**
 * Waits until ClickHouse's clock has passed the second of the newest part of these partitions
 * (system.parts keeps whole seconds), so that rollups written from now on are current at once, and
 * returns that time (`YYYY-MM-DD hh:mm:ss.sss`, UTC).
 */
async function clockPastLastWrite(store: AnalyticsStore, partitions: string[]): Promise<string> {
  for (;;) {
    const result = await store.client.query({
      query: `SELECT toString(now64(3, 'UTC')) AS text, toFloat64(now64(3)) AS now,
                     (SELECT toFloat64(max(modification_time)) FROM system.parts
                      WHERE database = {database:String} AND table = 'ses_events' AND active
                        AND partition_id IN {partitions:Array(String)}) AS modified`,
      query_params: { database: store.database, partitions },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ text: string; now: number; modified: number }>();
    const waitMs = (Number(row!.modified) + 1 - Number(row!.now)) * 1000;
    if (waitMs <= 0) return row!.text;
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
  }
}
