import { type AnalyticsStore, qualified } from '@sendops/analytics';

/**
 * The organization's active exclusions as a CTE `exclusions(address, cleared_at, note, actor_name)`,
 * read from the ClickHouse mirror of the Postgres table (store/exclusion-mirror.ts keeps it in step).
 * FINAL keeps only each address's latest revision; `active` is tested after it (a WHERE, not a
 * PREWHERE, under FINAL), so a re-listed address never shows an older active row.
 */
export function exclusionsCte(store: AnalyticsStore): string {
  return `exclusions AS (
      SELECT address, cleared_at, note, actor_name
      FROM ${qualified(store, 'undeliverable_exclusions')} FINAL
      WHERE organization_id = {organization_id:UUID} AND active = 1
    )`;
}
