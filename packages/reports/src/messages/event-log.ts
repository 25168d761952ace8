import { type AnalyticsStore, qualified } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import { FILTERED_FINAL_SETTINGS } from '../final-settings.ts';
import type { ReportFilter } from '../report-filter.ts';
import { decodeKeyset, decodeWatermark, encodeKeyset, encodeWatermark, isoOf } from './keyset-cursor.ts';
import { recipientSearchOf, recipientSearchSql } from './recipient-search.ts';

/** One row of the Event Log: one SES event for one recipient. */
export interface EventLogRow {
  eventId: string;
  type: string;
  at: string;
  messageId: string;
  recipient: string;
  subject: string;
  channelId: string;
  /** A one-line summary of the type's own fields (diagnostic, link, user agent...). */
  detail: string;
}

export interface EventLogQuery {
  /** SES event types (`Send`, `Bounce`, ...); empty = all. */
  types?: readonly string[] | undefined;
  recipient?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export interface EventLogPage {
  items: EventLogRow[];
  nextCursor: string | null;
  /**
   * The newest ingestion time among the range's events (opaque). Passed back as `since`, it makes
   * `eventLogChangedSince` a cheap "anything new?" check for auto-refresh; null when the range is empty.
   */
  watermark: string | null;
}

interface StoredEventRow {
  event_id: string;
  event_type: string;
  event_time: string;
  message_id: string;
  recipient: string;
  subject: string;
  channel_id: string;
  detail: string;
}

/** The range's events, newest first, keyset-paginated on (event time, event id, recipient). */
export async function listEventLog(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: EventLogQuery,
): Promise<EventLogPage> {
  const { where, params } = conditions(filter, query);
  let upper = filter.to.getTime();
  if (query.cursor) {
    const after = decodeKeyset(query.cursor);
    upper = Math.min(upper, Date.parse(isoOf(after.time)) + 1);
    where.push(
      '(event_time, event_id, recipient) < ({cursorTime:DateTime64(3)}, {cursorId:String}, {cursorRecipient:String})',
    );
    Object.assign(params, { cursorTime: after.time, cursorId: after.id, cursorRecipient: after.recipient });
  }
  // The watermark reads the whole range: it runs alongside the page's queries.
  const watermark = query.cursor ? Promise.resolve(null) : newestIngestion(store, filter, query);
  watermark.catch(() => undefined); // awaited below; a failed page must not leave it unhandled
  // Newest first: the hour before the cursor, then 8× wider, until the page is full or the window
  // reaches the range's start, so a page reads the recent part of the range, not all of it. A complete
  // address is a bloom-filter lookup: the whole range at once costs less than widening.
  const rangeFrom = filter.from.getTime();
  const firstSpan = recipientSearchOf(query.recipient)?.mode === 'exact' ? Number.POSITIVE_INFINITY : HOUR_MS;
  let rows: StoredEventRow[] = [];
  for (let span = firstSpan; ; span *= 8) {
    const windowFrom = Math.max(rangeFrom, upper - span);
    rows = await eventRows(store, [...where, 'event_time >= {windowFrom:DateTime64(3)}'], {
      ...params,
      windowFrom: toClickhouseTime(new Date(windowFrom)),
      limit: query.limit + 1,
    });
    if (rows.length > query.limit || windowFrom === rangeFrom) break;
  }
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      eventId: row.event_id,
      type: row.event_type,
      at: isoOf(row.event_time),
      messageId: row.message_id,
      recipient: row.recipient,
      subject: row.subject,
      channelId: row.channel_id,
      detail: row.detail.trim(),
    })),
    nextCursor:
      more && last
        ? encodeKeyset({ time: last.event_time, id: last.event_id, recipient: last.recipient })
        : null,
    watermark: await watermark,
  };
}

const HOUR_MS = 3_600_000;

async function eventRows(
  store: AnalyticsStore,
  where: string[],
  params: Record<string, unknown>,
): Promise<StoredEventRow[]> {
  const result = await store.client.query({
    query: `SELECT event_id, event_type, event_time, message_id, recipient, subject, channel_id,
                   multiIf(
                     event_type = 'Bounce', concat(bounce_type, '/', bounce_sub_type, ' ', diagnostic_code),
                     event_type = 'Complaint', concat(complaint_feedback_type, ' ', user_agent),
                     event_type = 'Delivery', concat(toString(processing_time_ms), ' ms ', smtp_response),
                     event_type = 'DeliveryDelay', concat(delay_type, ' ', diagnostic_code),
                     event_type = 'Open', user_agent,
                     event_type = 'Click', link,
                     event_type = 'Reject', reject_reason,
                     event_type = 'Rendering Failure', rendering_error,
                     ''
                   ) AS detail
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE ${where.join(' AND ')}
            ORDER BY event_time DESC, event_id DESC, recipient DESC
            LIMIT {limit:UInt32}`,
    query_params: params,
    clickhouse_settings: FILTERED_FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  return result.json<StoredEventRow>();
}

/**
 * Whether any event of the view arrived after `since` (a watermark this list returned). No FINAL and
 * no sort: a retried copy counts as "something new", which only costs one extra refresh.
 */
export async function eventLogChangedSince(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<EventLogQuery, 'cursor' | 'limit'>,
  since: string,
): Promise<boolean> {
  const { where, params } = conditions(filter, query);
  const result = await store.client.query({
    query: `SELECT 1 FROM ${qualified(store, 'ses_events')}
            WHERE ${where.join(' AND ')} AND ingested_at > {since:DateTime64(3)} LIMIT 1`,
    query_params: { ...params, since: decodeWatermark(since) },
    format: 'JSONEachRow',
  });
  return (await result.json()).length > 0;
}

async function newestIngestion(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<EventLogQuery, 'cursor' | 'limit'>,
): Promise<string | null> {
  const { where, params } = conditions(filter, query);
  const result = await store.client.query({
    query: `SELECT toString(max(ingested_at)) AS newest, toUInt64(count()) AS events
            FROM ${qualified(store, 'ses_events')} WHERE ${where.join(' AND ')}`,
    query_params: params,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ newest: string; events: string | number }>();
  return row && Number(row.events) > 0 ? encodeWatermark(row.newest) : null;
}

function conditions(
  filter: ReportFilter,
  query: Omit<EventLogQuery, 'cursor' | 'limit'>,
): { where: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {
    organizationId: filter.organizationId,
    from: toClickhouseTime(filter.from),
    to: toClickhouseTime(filter.to),
  };
  const where = [
    'organization_id = {organizationId:UUID}',
    'event_time >= {from:DateTime64(3)}',
    'event_time < {to:DateTime64(3)}',
  ];
  if (filter.channelId !== undefined) {
    where.push('channel_id = {channelId:String}');
    params.channelId = filter.channelId;
  }
  if (query.types && query.types.length > 0) {
    where.push('event_type IN {types:Array(String)}');
    params.types = query.types;
  }
  const search = recipientSearchOf(query.recipient);
  if (search) {
    where.push(recipientSearchSql(search));
    params.recipientSearch = search.value;
  }
  return { where, params };
}

/** Every event of the view, newest first, a page at a time (CSV export). */
export async function* iterateEventLog(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<EventLogQuery, 'cursor' | 'limit'>,
  pageSize = 5000,
): AsyncGenerator<EventLogRow> {
  let cursor: string | null = null;
  do {
    const page: EventLogPage = await listEventLog(store, filter, { ...query, cursor, limit: pageSize });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
