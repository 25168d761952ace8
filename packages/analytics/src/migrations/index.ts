import { readFileSync } from 'node:fs';

/** Versioned ClickHouse migrations, applied in order; never edit one that has shipped (checksums guard it). */
export interface AnalyticsMigration {
  version: number;
  name: string;
  sql: string;
}

const load = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

export const analyticsMigrations: AnalyticsMigration[] = [
  { version: 1, name: 'events', sql: load('0001_events.sql') },
  { version: 2, name: 'vertical_merges', sql: load('0002_vertical_merges.sql') },
  { version: 3, name: 'undeliverable_exclusions', sql: load('0003_undeliverable_exclusions.sql') },
  { version: 4, name: 'daily_partitions', sql: load('0004_daily_partitions.sql') },
  {
    version: 5,
    name: 'engagement_pairs_and_recipient_index',
    sql: load('0005_engagement_pairs_and_recipient_index.sql'),
  },
  { version: 6, name: 'daily_rollups', sql: load('0006_daily_rollups.sql') },
];
