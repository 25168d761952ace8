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
 * Per recipient address (case-insensitive), the counts every rule set needs. Reads `ses_events` FINAL so
 * a duplicate delivery of one event (same event_id and recipient) counts once. `having` narrows the
 * addresses returned, e.g. to those some rule set lists.
 */
export function addressAggregateSql(
  store: AnalyticsStore,
  scope: EvaluationScope,
  sets: RuleSetSql[],
  having: string,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {
    organization_id: scope.organizationId,
    now: toClickhouseTime(scope.now),
    retention_from: toClickhouseTime(new Date(scope.now.getTime() - scope.retentionDays * DAY_MS)),
  };
  for (const set of sets) Object.assign(params, set.params);
  const sql = `
    SELECT
      address,
      ${LOCKED_RULES.map((rule) => `countIf(q_${rule}) AS ${rule}_events`).join(',\n      ')},
      argMaxIf(bounce_sub_type, (event_time, event_id), q_permanent_bounce) AS permanent_bounce_sub_type,
      argMaxIf(complaint_sub_type_label, (event_time, event_id), q_complaint) AS complaint_sub_type,
      ${sets.flatMap((set) => set.aggregates).join(',\n      ')}
    FROM (
      SELECT
        lowerUTF8(recipient) AS address, event_time, event_id, bounce_sub_type,
        ${COMPLAINT_SUB_TYPE} AS complaint_sub_type_label,
        ${DIAGNOSTIC} AS diagnostic,
        ${flagColumns().join(',\n        ')}
      FROM ${qualified(store, 'ses_events')} FINAL
      WHERE organization_id = {organization_id:UUID}
        AND event_type IN ${CANDIDATE_EVENT_TYPES}
        AND event_time >= {retention_from:${DATETIME}}
        AND event_time <= {now:${DATETIME}}
        AND recipient != ''
    )
    GROUP BY address
    HAVING ${having}`;
  return { sql, params };
}
