import { type AnalyticsStore, qualified } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import { LOCKED_RULES } from '../rules/rule-set.ts';
import { CANDIDATE_EVENT_TYPES, COMPLAINT_SUB_TYPE, DIAGNOSTIC } from './qualifying-events.ts';
import { DATETIME, flagColumns, type RuleSetSql } from './rule-set-sql.ts';

const DAY_MS = 86_400_000;

export interface EvaluationScope {
  organizationId: string;
  /** The end of every rolling window; passed in so the same inputs always give the same list. */
  now: Date;
  /** The organization's plan retention (organizations.events_retention_days): older events never count. */
  retentionDays: number;
}

/**
 * Per recipient address, the counts every rule set needs. Case-insensitive because the ingest stores
 * `recipient` lower-cased (toEventRows), so grouping by the column groups addresses, and lookups by
 * address can use its bloom-filter index. Reads `ses_events` FINAL so a duplicate delivery of one event
 * (same event_id and recipient) counts once. `having` narrows the addresses returned, e.g. to those
 * some rule set lists. Strings (diagnostics, sub-types) are left to `addressDetailsSql`, for the few
 * addresses a page shows.
 */
export function addressAggregateSql(
  store: AnalyticsStore,
  scope: EvaluationScope,
  sets: RuleSetSql[],
  having: string,
  /** An extra condition on the event rows scanned (e.g. only some addresses); default none. */
  rowFilter = '1',
): { sql: string; params: Record<string, unknown> } {
  const params = scopeParams(scope);
  for (const set of sets) Object.assign(params, set.params);
  const sql = `
    SELECT
      address,
      ${LOCKED_RULES.map((rule) => `countIf(q_${rule}) AS ${rule}_events`).join(',\n      ')},
      maxIf(event_time, q_permanent_bounce) AS permanent_bounce_last,
      maxIf(event_time, q_complaint) AS complaint_last,
      ${sets.flatMap((set) => set.aggregates).join(',\n      ')}
    FROM (
      SELECT
        recipient AS address, event_time, event_id,
        ${flagColumns().join(',\n        ')}
      FROM ${qualified(store, 'ses_events')} FINAL
      WHERE organization_id = {organization_id:UUID}
        AND event_type IN ${CANDIDATE_EVENT_TYPES}
        AND event_time >= {retention_from:${DATETIME}}
        AND event_time <= {now:${DATETIME}}
        AND recipient != ''
        AND (${rowFilter})
    )
    GROUP BY address
    HAVING ${having}`;
  return { sql, params };
}

/** Sub-types and the latest diagnostic for a handful of addresses (one page of the list). */
export function addressDetailsSql(
  store: AnalyticsStore,
  scope: EvaluationScope,
  set: RuleSetSql,
  addresses: readonly string[],
  /** The days of the events wanted (latest qualifying, latest permanent bounce, latest complaint): the primary key narrows the read to them. */
  days: readonly string[],
): { sql: string; params: Record<string, unknown> } {
  const sql = `
    SELECT
      address,
      argMaxIf(bounce_sub_type, (event_time, event_id), q_permanent_bounce) AS permanent_bounce_sub_type,
      argMaxIf(complaint_sub_type, (event_time, event_id), q_complaint) AS complaint_sub_type,
      argMaxIf(diagnostic, (event_time, event_id), ${set.qualifying}) AS diagnostic
    FROM (
      SELECT
        recipient AS address, event_time, event_id, bounce_sub_type,
        ${COMPLAINT_SUB_TYPE} AS complaint_sub_type,
        ${DIAGNOSTIC} AS diagnostic,
        ${flagColumns().join(',\n        ')}
      FROM ${qualified(store, 'ses_events')} FINAL
      WHERE organization_id = {organization_id:UUID}
        AND toDate(event_time) IN {days:Array(Date)}
        AND recipient IN {addresses:Array(String)}
        AND event_type IN ${CANDIDATE_EVENT_TYPES}
        AND event_time >= {retention_from:${DATETIME}}
        AND event_time <= {now:${DATETIME}}
    )
    GROUP BY address`;
  return { sql, params: { ...scopeParams(scope), ...set.params, addresses, days } };
}

function scopeParams(scope: EvaluationScope): Record<string, unknown> {
  return {
    organization_id: scope.organizationId,
    now: toClickhouseTime(scope.now),
    retention_from: toClickhouseTime(new Date(scope.now.getTime() - scope.retentionDays * DAY_MS)),
  };
}
