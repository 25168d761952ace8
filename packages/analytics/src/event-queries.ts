import { type AnalyticsStore, qualified } from './analytics-store.ts';

/**
 * Reads used by operators and tests. Every read of a ReplacingMergeTree table goes through FINAL so a
 * retried event is never counted twice, even before background merges run; the setting keeps FINAL
 * cheap because duplicates never span partitions.
 */
export const FINAL_SETTINGS = { do_not_merge_across_partitions_select_final: 1 } as const;

export interface EventCount {
  event_type: string;
  events: number;
}

export async function countEventsByType(
  store: AnalyticsStore,
  organizationId: string,
): Promise<EventCount[]> {
  const result = await store.client.query({
    query: `SELECT event_type, toUInt64(count()) AS events
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE organization_id = {organizationId:UUID}
            GROUP BY event_type ORDER BY event_type`,
    query_params: { organizationId },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  return (await result.json<{ event_type: string; events: string | number }>()).map((r) => ({
    event_type: r.event_type,
    events: Number(r.events),
  }));
}

export async function countEvents(store: AnalyticsStore, organizationId: string): Promise<number> {
  return (await countEventsByType(store, organizationId)).reduce((sum, row) => sum + row.events, 0);
}

export interface StoredEventKey {
  event_id: string;
  recipient: string;
  event_type: string;
  channel_id: string;
  provider: string;
}

/** The dedupe keys stored for an organization, e.g. to prove an event is present exactly once. */
export async function listEventKeys(
  store: AnalyticsStore,
  organizationId: string,
): Promise<StoredEventKey[]> {
  const result = await store.client.query({
    query: `SELECT event_id, recipient, event_type, channel_id, provider
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE organization_id = {organizationId:UUID}
            ORDER BY event_id, recipient`,
    query_params: { organizationId },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  return result.json<StoredEventKey>();
}

export interface DeadLetter {
  received_at: string;
  reason: string;
  error: string;
  event_id: string;
  body: string;
}

export async function listDeadLetters(
  store: AnalyticsStore,
  organizationId: string,
  limit = 100,
): Promise<DeadLetter[]> {
  const result = await store.client.query({
    query: `SELECT received_at, reason, error, event_id, body
            FROM ${qualified(store, 'ingest_dead_letters')}
            WHERE organization_id = {organizationId:UUID}
            ORDER BY received_at DESC LIMIT {limit:UInt32}`,
    query_params: { organizationId, limit },
    format: 'JSONEachRow',
  });
  return result.json<DeadLetter>();
}

export async function listAccountEvents(
  store: AnalyticsStore,
  organizationId: string,
): Promise<{ detail_type: string; event_id: string }[]> {
  const result = await store.client.query({
    query: `SELECT detail_type, event_id FROM ${qualified(store, 'ses_account_events')} FINAL
            WHERE organization_id = {organizationId:UUID} ORDER BY event_time`,
    query_params: { organizationId },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  return result.json();
}
