// scratch: compare FINAL vs distinct-count dedupe on the bench store (not committed)
import { createAnalyticsStore, FINAL_SETTINGS } from '@sendops/analytics';
import { addressAggregateSql } from '../src/evaluation/address-aggregate-sql.ts';
import { ruleSetSql } from '../src/evaluation/rule-set-sql.ts';
import { PROFILE_SETTINGS } from '../src/index.ts';

const store = createAnalyticsStore({
  database: 'bench',
  dataDir: process.env.UNDELIVERABLE_BENCH_DIR as string,
});
const organizationId = '5e4d0b3c-0000-4000-8000-000000000001';
const now = new Date(Date.UTC(2026, 10, 1));
const scope = { organizationId, now, retentionDays: 400 };
const c = ruleSetSql('c', PROFILE_SETTINGS.aggressive, now);
const n = ruleSetSql('n', PROFILE_SETTINGS.standard, now);
const agg = addressAggregateSql(store, scope, [c, n], `c_reason != '' OR n_reason != ''`);
const variants: Record<string, string> = {
  final: `SELECT count(), sum(c_events) FROM (${agg.sql})`,
  distinct: `SELECT count(), sum(c_events) FROM (${agg.sql.replace(' FINAL', '').replace(/countIf\(/g, 'uniqExactIf(event_id, ')})`,
  scanOnly: `SELECT count() FROM ${store.database}.ses_events FINAL WHERE organization_id = {organization_id:UUID} AND event_type IN ('Bounce','Complaint','Reject')`,
  scanNoFinal: `SELECT count() FROM ${store.database}.ses_events WHERE organization_id = {organization_id:UUID} AND event_type IN ('Bounce','Complaint','Reject')`,
  limitBy: `SELECT count() FROM (SELECT recipient, event_id, event_time, event_type, bounce_type, bounce_sub_type, diagnostic_code FROM ${store.database}.ses_events WHERE organization_id = {organization_id:UUID} AND event_type IN ('Bounce','Complaint','Reject') LIMIT 1 BY event_id, recipient)`,
  groupBy: `SELECT count() FROM (SELECT recipient, event_id, any(event_time), any(event_type), any(bounce_type), any(bounce_sub_type), any(diagnostic_code) FROM ${store.database}.ses_events WHERE organization_id = {organization_id:UUID} AND event_type IN ('Bounce','Complaint','Reject') GROUP BY recipient, event_id)`,
  aggLimitBy: `SELECT count(), sum(c_events) FROM (${agg.sql.replace(/FROM (\S+) FINAL\s+WHERE([\s\S]*?)\)\s+GROUP BY address/, (_m, t, w) => `FROM (SELECT * FROM ${t} WHERE ${w} LIMIT 1 BY event_id, recipient)) GROUP BY address`)})`,
  parts: `SELECT count(), sum(rows) FROM system.parts WHERE database = 'bench' AND table = 'ses_events' AND active`,
};
for (const [name, query] of Object.entries(variants)) {
  if (process.argv[2] && !process.argv.slice(2).includes(name)) continue;
  const times: number[] = [];
  let out: unknown;
  for (let i = 0; i < 6; i++) {
    const s = performance.now();
    out = await store.client
      .query({ query, query_params: agg.params, clickhouse_settings: FINAL_SETTINGS, format: 'JSONEachRow' })
      .then((r) => r.json());
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(12), times.map((t) => t.toFixed(0)).join(' '), JSON.stringify(out));
}
