import type { AccountEventRow, DeadLetterRow, EventRow } from '@sendops/ses-events';
import { type AnalyticsStore, execRawInsert, qualified } from './analytics-store.ts';

export interface InsertOptions {
  /**
   * Deterministic token for this exact batch: ClickHouse skips a retried insert carrying a token it has
   * seen (non_replicated_deduplication_window / Replicated* dedup), so replaying a batch after a crash
   * adds nothing.
   */
  dedupeToken?: string;
}

export type AnalyticsTable =
  | 'ses_events'
  | 'ses_account_events'
  | 'ingest_dead_letters'
  | 'undeliverable_exclusions';

export async function insertRows<T extends object>(
  store: AnalyticsStore,
  table: AnalyticsTable,
  rows: readonly T[],
  options: InsertOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  await store.client.insert({
    table: qualified(store, table),
    values: rows as T[],
    format: 'JSONEachRow',
    clickhouse_settings: {
      // Idempotent retries need the whole batch to be one insert block.
      max_insert_block_size: String(Math.max(rows.length, 1_048_576)),
      // Always sent, even empty: chdb/connection applies settings as session-wide SETs, so a token
      // left over from the previous insert would silently drop this one as a "duplicate".
      insert_deduplication_token: options.dedupeToken ?? '',
      // ses_events has a partition per day; a backfill or a replayed spool can span more than the
      // default limit of 100 per insert.
      max_partitions_per_insert_block: '0',
    },
  });
}

/**
 * Inserts rows already serialized as JSONEachRow (one JSON object per row; any JSON whitespace between
 * rows) as one batch. For writers that keep rows serialized, e.g. the ingest spool: the bytes reach
 * ClickHouse without being parsed or re-encoded in JS, so a large batch costs the event loop nothing.
 */
export async function insertJsonEachRow(
  store: AnalyticsStore,
  table: AnalyticsTable,
  body: Buffer,
  options: InsertOptions = {},
): Promise<void> {
  if (body.length === 0) return;
  const insert = store.rawInsert ?? execRawInsert(store.client);
  // The token is always sent, so a retried batch is recognised and no earlier token can apply to it.
  await insert(qualified(store, table), body, {
    insert_deduplication_token: options.dedupeToken ?? '',
    max_partitions_per_insert_block: 0,
    // The ingest writes the event body into `raw` as its own JSON object (no escaping): ClickHouse
    // stores it as its exact text. On by default; pinned so a server configured otherwise cannot
    // refuse these rows.
    input_format_json_read_objects_as_strings: 1,
  });
}

export const insertEventRows = (store: AnalyticsStore, rows: readonly EventRow[], options?: InsertOptions) =>
  insertRows(store, 'ses_events', rows, options);

export const insertAccountEventRows = (
  store: AnalyticsStore,
  rows: readonly AccountEventRow[],
  options?: InsertOptions,
) => insertRows(store, 'ses_account_events', rows, options);

export const insertDeadLetterRows = (
  store: AnalyticsStore,
  rows: readonly DeadLetterRow[],
  options?: InsertOptions,
) => insertRows(store, 'ingest_dead_letters', rows, options);
