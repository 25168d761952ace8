import { type AnalyticsStore, FINAL_SETTINGS, qualified } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import {
  REASONS,
  type Reason,
  type RuleSettings,
  WINDOWED_RULES,
  type WindowedRule,
} from '../rules/rule-set.ts';
import type { EvaluationScope } from './address-aggregate-sql.ts';
import { CANDIDATE_EVENT_TYPES, COMPLAINT_SUB_TYPE, DIAGNOSTIC } from './qualifying-events.ts';
import { DATETIME, flagColumns } from './rule-set-sql.ts';

const DAY_MS = 86_400_000;

export interface HistoryEvent {
  /** ISO time. */
  time: string;
  eventId: string;
  eventType: string;
  /** `Permanent/NoEmail`, `Transient/General`, the complaint feedback type, or the reject reason. */
  detail: string;
  dsnStatus: string;
  diagnostic: string;
  /**
   * The enabled rules this event counts toward right now: locked rules within the retention window,
   * windowed rules only inside their own window.
   */
  countsToward: Reason[];
}

export interface HistoryQuery extends EvaluationScope {
  address: string;
  settings: RuleSettings;
  /** Default 100, newest first. */
  limit?: number;
}

/** The side-panel timeline: the address's bounces, complaints and rejects in the retention window. */
export async function addressHistory(store: AnalyticsStore, query: HistoryQuery): Promise<HistoryEvent[]> {
  const result = await store.client.query({
    query: `
      SELECT
        toString(event_time) AS time, event_id, event_type,
        multiIf(event_type = 'Bounce', concat(bounce_type, '/', bounce_sub_type),
                event_type = 'Complaint', ${COMPLAINT_SUB_TYPE}, reject_reason) AS detail,
        dsn_status, ${DIAGNOSTIC} AS diagnostic,
        ${flagColumns().join(', ')}
      FROM ${qualified(store, 'ses_events')} FINAL
      WHERE organization_id = {organization_id:UUID}
        AND event_type IN ${CANDIDATE_EVENT_TYPES}
        AND recipient = {address:String}
        AND event_time >= {retention_from:${DATETIME}}
        AND event_time <= {now:${DATETIME}}
      ORDER BY event_time DESC, event_id DESC
      LIMIT {limit:UInt32}`,
    query_params: {
      organization_id: query.organizationId,
      address: query.address.trim().toLowerCase(),
      now: toClickhouseTime(query.now),
      retention_from: toClickhouseTime(new Date(query.now.getTime() - query.retentionDays * DAY_MS)),
      limit: query.limit ?? 100,
    },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  const rows = await result.json<Record<string, string | number | boolean>>();
  return rows.map((row) => {
    const time = String(row.time);
    const at = Date.parse(`${time.replace(' ', 'T')}Z`);
    const countsToward = REASONS.filter((reason) => {
      if (!Number(row[`q_${reason}`])) return false;
      if (!(WINDOWED_RULES as readonly string[]).includes(reason)) return true;
      const s = query.settings[reason as WindowedRule];
      return s.enabled && at >= query.now.getTime() - s.window_days * DAY_MS;
    });
    return {
      time: `${time.replace(' ', 'T')}Z`,
      eventId: String(row.event_id),
      eventType: String(row.event_type),
      detail: String(row.detail),
      dsnStatus: String(row.dsn_status),
      diagnostic: String(row.diagnostic),
      countsToward,
    };
  });
}
