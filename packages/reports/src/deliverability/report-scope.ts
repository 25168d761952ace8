import { type AnalyticsStore, FINAL_SETTINGS, qualified } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import type { ReportFilter } from '../report-filter.ts';

/**
 * The WHERE clause every deliverability/engagement report shares: tenant first (the sort key's first
 * column), then the half-open time range on event time (pruned through `toDate(event_time)` in the key),
 * then the optional channel.
 */
export function scopeSql(filter: ReportFilter): ScopeSql {
  const params: Record<string, string> = {
    organizationId: filter.organizationId,
    from: toClickhouseTime(filter.from),
    to: toClickhouseTime(filter.to),
    timezone: filter.timezone,
  };
  let where = `organization_id = {organizationId:UUID}
      AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}`;
  if (filter.channelId !== undefined) {
    where += ' AND channel_id = {channelId:String}';
    params.channelId = filter.channelId;
  }
  return { where, params };
}

export interface ScopeSql {
  where: string;
  params: Record<string, string>;
}

/**
 * Runs one aggregate query over `ses_events FINAL` (so a retried event never counts twice). With
 * `final: false` it reads the table as stored: only for figures a duplicate cannot change (distinct
 * counts, max, min), which then skip FINAL's merge of the unmerged recent days.
 */
export async function queryEvents<T>(
  store: AnalyticsStore,
  select: (table: string) => string,
  params: Record<string, string | number>,
  options: { final?: boolean } = {},
): Promise<T[]> {
  const final = options.final ?? true;
  const table = qualified(store, 'ses_events');
  const result = await store.client.query({
    query: select(final ? `${table} FINAL` : table),
    query_params: params,
    ...(final ? { clickhouse_settings: FINAL_SETTINGS } : {}),
    format: 'JSONEachRow',
  });
  return result.json<T>();
}
