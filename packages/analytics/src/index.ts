export {
  type AnalyticsStore,
  type AnalyticsStoreOptions,
  createAnalyticsStore,
  execRawInsert,
  qualified,
  type RawInsert,
} from './analytics-store.ts';
export { rolledUpDaysSql } from './daily-rollups.ts';
export { deleteOrganizationData, ORGANIZATION_TABLES } from './delete-organization-data.ts';
export {
  countEvents,
  countEventsByType,
  type DeadLetter,
  type EventCount,
  FINAL_SETTINGS,
  listAccountEvents,
  listDeadLetters,
  listEventKeys,
  type StoredEventKey,
} from './event-queries.ts';
export {
  type AnalyticsTable,
  type InsertOptions,
  insertAccountEventRows,
  insertDeadLetterRows,
  insertEventRows,
  insertJsonEachRow,
  insertRows,
} from './event-writer.ts';
export {
  type AppliedMigration,
  appliedMigrations,
  MigrationChecksumError,
  migrateAnalytics,
} from './migrate-analytics.ts';
export {
  type CompactedPartition,
  type CompactionOptions,
  compactSettledPartitions,
  SETTLE_MS,
} from './partition-compaction.ts';
export { renderMigration } from './render-migration.ts';
