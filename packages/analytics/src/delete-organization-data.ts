import { type AnalyticsStore, qualified } from './analytics-store.ts';

/** Every analytics table that holds tenant rows; a new table with organization_id belongs here. */
export const ORGANIZATION_TABLES = [
  'ses_events',
  'ses_daily_counts',
  'ses_account_events',
  'ingest_dead_letters',
  'undeliverable_exclusions',
] as const;

/**
 * Removes every analytics row of a deleted organization. A mutation (not a lightweight DELETE) so the
 * rows are physically gone, waited for on every replica (`mutations_sync = 2`) so the caller can tell
 * the user the data is deleted.
 */
export async function deleteOrganizationData(store: AnalyticsStore, organizationId: string): Promise<void> {
  const onCluster = store.cluster ? ` ON CLUSTER '${store.cluster}'` : '';
  for (const table of ORGANIZATION_TABLES) {
    await store.client.command({
      query: `ALTER TABLE ${qualified(store, table)}${onCluster} DELETE WHERE organization_id = {organizationId:UUID}`,
      query_params: { organizationId },
      clickhouse_settings: { mutations_sync: '2' },
    });
  }
}
