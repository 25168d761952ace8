import { type AnalyticsStore, FINAL_SETTINGS } from '@sendops/analytics';
import { isReason, REASONS, type Reason, type RuleSettings } from '../rules/rule-set.ts';
import { addressAggregateSql, type EvaluationScope } from './address-aggregate-sql.ts';
import { exclusionsCte } from './exclusions-sql.ts';
import { ruleSetSql } from './rule-set-sql.ts';

export interface PreviewQuery extends EvaluationScope {
  /** The saved (active) rules. */
  current: RuleSettings;
  /** The rules being edited. */
  candidate: RuleSettings;
}

export interface PreviewSample {
  address: string;
  reason: Reason;
  /** Qualifying events in the retention window under the candidate rules. */
  events: number;
}

export interface RulesPreview {
  currentSize: number;
  candidateSize: number;
  added: number;
  removed: number;
  /** Listed addresses per reason under the candidate rules (every reason present, zeros included). */
  breakdown: Record<Reason, number>;
  /** Up to 10 addresses the candidate rules add, most events first. */
  sampleAdditions: PreviewSample[];
}

/**
 * The live preview of the rules page: the list under the saved rules and under the candidate rules, in
 * one read-only pass over the events (both rule sets aggregate side by side per address).
 */
export async function previewRules(store: AnalyticsStore, query: PreviewQuery): Promise<RulesPreview> {
  const current = ruleSetSql('c', query.current, query.now);
  const candidate = ruleSetSql('n', query.candidate, query.now);
  const excl = exclusionsCte(store);
  const aggregate = addressAggregateSql(
    store,
    query,
    [current, candidate],
    `c_reason != '' OR n_reason != ''`,
  );
  // An exclusion hides an address under a rule set unless that set's latest qualifying event is newer.
  const listed = (p: string) => `(${p}_reason != '' AND NOT (x.present = 1 AND ${p}_last <= x.cleared_at))`;
  const sql = `
    WITH ${excl}
    SELECT
      countIf(c_listed) AS current_size,
      countIf(n_listed) AS candidate_size,
      countIf(n_listed AND NOT c_listed) AS added,
      countIf(c_listed AND NOT n_listed) AS removed,
      ${REASONS.map((r) => `countIf(n_listed AND n_reason = '${r}') AS n_${r}`).join(',\n      ')},
      groupArraySortedIf(10)((-toInt64(n_events), address, n_reason), n_listed AND NOT c_listed) AS samples
    FROM (
      SELECT m.address AS address, n_events, n_reason, ${listed('c')} AS c_listed, ${listed('n')} AS n_listed
      FROM (${aggregate.sql}) AS m
      LEFT JOIN (SELECT address, cleared_at, toUInt8(1) AS present FROM exclusions) AS x ON m.address = x.address
    )`;
  const result = await store.client.query({
    query: sql,
    query_params: aggregate.params,
    clickhouse_settings: FINAL_SETTINGS,
    use_multipart_params_auto: true,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<Record<string, unknown>>();
  if (!row) throw new Error('preview query returned no row');
  const breakdown = {} as Record<Reason, number>;
  for (const reason of REASONS) breakdown[reason] = Number(row[`n_${reason}`]);
  const samples = (row.samples as [number | string, string, string][]).map(([negEvents, address, reason]) => {
    if (!isReason(reason)) throw new Error(`unexpected reason ${reason}`);
    return { address, reason, events: -Number(negEvents) };
  });
  return {
    currentSize: Number(row.current_size),
    candidateSize: Number(row.candidate_size),
    added: Number(row.added),
    removed: Number(row.removed),
    breakdown,
    sampleAdditions: samples,
  };
}
