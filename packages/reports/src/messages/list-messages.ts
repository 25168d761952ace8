import { type AnalyticsStore, FINAL_SETTINGS, qualified } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import { FILTERED_FINAL_SETTINGS } from '../final-settings.ts';
import type { ReportFilter } from '../report-filter.ts';
import { decodeKeyset, encodeKeyset, isoOf } from './keyset-cursor.ts';
import { type MessageStatus, STATUS_NAME_SQL, STATUS_RANK_SQL, statusRank } from './message-status.ts';
import { recipientSearchOf, recipientSearchSql } from './recipient-search.ts';

/** One row of the Messages sub-tab: one message for one recipient. */
export interface MessageRow {
  messageId: string;
  recipient: string;
  status: MessageStatus;
  subject: string;
  from: string;
  sendingIdentity: string;
  template: string;
  channelId: string;
  /** When SES accepted the message (`mail.timestamp`), ISO 8601 UTC. */
  sentAt: string;
  /** The newest event of this message for this recipient, ISO 8601 UTC. */
  latestEventAt: string;
  events: number;
}

export interface MessageListQuery {
  status?: MessageStatus | undefined;
  /** Sending identity (domain or address) exactly as the events carry it. */
  identity?: string | undefined;
  template?: string | undefined;
  /** Recipient search: a complete address matches exactly, anything else as a substring. */
  recipient?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface StoredMessageRow {
  sent_time: string;
  message_id: string;
  recipient: string;
  status: MessageStatus;
  message_subject: string;
  message_from: string;
  message_identity: string;
  message_template: string;
  message_channel: string;
  latest_event_at: string;
  events: number;
}

/**
 * Messages sent in the filter's range (by `mail.timestamp`), newest first, with the status their
 * events give now (events after the range's end count: it is the *current* status). Keyset pagination
 * on (sent time, message id, recipient): every page is one bounded query, however deep.
 */
export async function listMessages(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: MessageListQuery,
): Promise<Page<MessageRow>> {
  const params: Record<string, unknown> = {
    organizationId: filter.organizationId,
    from: toClickhouseTime(filter.from),
    to: toClickhouseTime(filter.to),
    limit: query.limit + 1,
  };
  const where = [
    'organization_id = {organizationId:UUID}',
    // The search window's start (widened below). Events come after their message's send time, but
    // EventBridge's `time` has whole seconds, so a Send can be stamped up to a second before
    // `mail.timestamp`: a minute of slack, and the primary key still skips every earlier day.
    'event_time >= {windowFrom:DateTime64(3)} - INTERVAL 1 MINUTE',
    'send_time >= {windowFrom:DateTime64(3)}',
    'send_time < {to:DateTime64(3)}',
    "recipient != ''",
  ];
  // Conditions on one event's own fields: a pair is listed when any of its events matches them.
  const eventFilters: string[] = [];
  if (filter.channelId !== undefined) {
    eventFilters.push('channel_id = {channelId:String}');
    params.channelId = filter.channelId;
  }
  if (query.identity) {
    eventFilters.push('sending_identity = {identity:String}');
    params.identity = query.identity;
  }
  if (query.template) {
    eventFilters.push('template = {template:String}');
    params.template = query.template;
  }
  const search = recipientSearchOf(query.recipient);
  if (search) {
    where.push(recipientSearchSql(search));
    params.recipientSearch = search.value;
  }
  let upper = filter.to.getTime();
  if (query.cursor) {
    const after = decodeKeyset(query.cursor);
    upper = Math.min(upper, Date.parse(isoOf(after.time)) + 1);
    where.push(
      '(send_time, message_id, recipient) < ({cursorTime:DateTime64(3)}, {cursorId:String}, {cursorRecipient:String})',
    );
    Object.assign(params, { cursorTime: after.time, cursorId: after.id, cursorRecipient: after.recipient });
  }
  const status = query.status;
  if (status) params.statusRank = statusRank(status);
  const rangeFrom = filter.from.getTime();
  // A complete address is a bloom-filter lookup of a few rows, all events of its pairs among them: one
  // aggregation over the whole range answers it. (`where` holds only conditions every event of a pair
  // meets alike so far: same recipient, send time and message id.)
  if (!status && search?.mode === 'exact') {
    params.windowFrom = toClickhouseTime(new Date(rangeFrom));
    return (await pageOfRecipient(store, query.limit, where, eventFilters, params)).page;
  }
  where.push(...eventFilters);
  // Newest first: look at the most recent day before the cursor, then 8× wider, until the page is full
  // or the window reaches the range's start. A dense range answers from its last day; a sparse search
  // costs a few bounded queries instead of a scan of the whole range.
  const firstSpan = search?.mode === 'exact' ? Number.POSITIVE_INFINITY : DAY_MS;
  for (let span = firstSpan; ; span *= 8) {
    const windowFrom = Math.max(rangeFrom, upper - span);
    params.windowFrom = toClickhouseTime(new Date(windowFrom));
    if (status) {
      const found = await pageWithStatus(store, query.limit, where, params);
      if (found.more || windowFrom === rangeFrom) return found.page;
      continue;
    }
    // The page's keys lie at or after the (limit + 1)-th newest distinct send time of the window:
    // found from send times alone, it narrows the key query (which reads message ids) to those rows.
    // (An exact address matches a few rows: nothing to narrow.)
    const threshold =
      search?.mode === 'exact' ? undefined : await sendTimeThreshold(store, query.limit, where, params);
    if (threshold !== undefined) params.windowFrom = threshold;
    const found = await pageByKeys(store, query.limit, where, params);
    if (found.more || windowFrom === rangeFrom) return found.page;
  }
}

const DAY_MS = 86_400_000;

interface Found {
  page: Page<MessageRow>;
  /** More rows exist in the window than the page holds. */
  more: boolean;
}

/**
 * The (limit + 1)-th newest distinct send time among the window's rows, when the newest rows show it:
 * every key at or after it is newer than any key before it, and there are more than `limit` of them.
 * Reads send times only (a top-N sort, no strings); undefined when the probe holds too few distinct
 * times (sparse window, or many events per send time), and the caller reads the whole window.
 */
async function sendTimeThreshold(
  store: AnalyticsStore,
  limit: number,
  where: string[],
  params: Record<string, unknown>,
): Promise<string | undefined> {
  const result = await store.client.query({
    query: `SELECT send_time AS sent_time FROM ${qualified(store, 'ses_events')}
            WHERE ${where.join(' AND ')}
            ORDER BY send_time DESC
            LIMIT {probe:UInt32}`,
    query_params: { ...params, probe: (limit + 1) * THRESHOLD_PROBE_ROWS_PER_KEY },
    format: 'JSONEachRow',
  });
  let distinct = 0;
  let previous = '';
  for (const { sent_time } of await result.json<{ sent_time: string }>()) {
    if (sent_time === previous) continue;
    previous = sent_time;
    if (++distinct === limit + 1) return sent_time;
  }
  return undefined;
}

/** Rows the send-time probe reads per key of the page (a key has a few events: send, delivery, open…). */
const THRESHOLD_PROBE_ROWS_PER_KEY = 16;

/**
 * One recipient's messages (a complete address): every event of a (message, recipient) pair carries
 * that recipient, so the rows the bloom filter finds hold all of the pair's events and one aggregation
 * gives the page, without a second lookup by message id. As in a page by keys, a pair is listed when
 * any of its events matches the event filters (channel, identity, template) and its figures come from
 * all of its events.
 */
async function pageOfRecipient(
  store: AnalyticsStore,
  limit: number,
  pairWhere: string[],
  eventFilters: string[],
  params: Record<string, unknown>,
): Promise<Found> {
  const result = await store.client.query({
    query: `SELECT ${AGGREGATES}
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE ${pairWhere.join(' AND ')}
            GROUP BY send_time, message_id, recipient
            ${eventFilters.length > 0 ? `HAVING countIf(${eventFilters.join(' AND ')}) > 0` : ''}
            ORDER BY send_time DESC, message_id DESC, recipient DESC
            LIMIT {limit:UInt32}`,
    query_params: params,
    clickhouse_settings: FILTERED_FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  // Like a page by keys: a pair whose events set no status (only a Subscription) takes its place in
  // the page and the cursor but is not shown.
  const found = pageOf(await result.json<StoredMessageRow>(), limit);
  found.page.items = found.page.items.filter((row) => (row.status as string) !== '');
  return found;
}

/** A status filter needs every event of a message: one aggregation, filtered in HAVING. */
async function pageWithStatus(
  store: AnalyticsStore,
  limit: number,
  where: string[],
  params: Record<string, unknown>,
): Promise<Found> {
  const result = await store.client.query({
    query: `SELECT ${AGGREGATES}
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE ${where.join(' AND ')}
            GROUP BY send_time, message_id, recipient
            HAVING status_rank = {statusRank:UInt8}
            ORDER BY send_time DESC, message_id DESC, recipient DESC
            LIMIT {limit:UInt32}`,
    query_params: params,
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  return pageOf(await result.json<StoredMessageRow>(), limit);
}

/** A page from up to `limit + 1` aggregated rows, newest first. */
function pageOf(rows: StoredMessageRow[], limit: number): Found {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    more,
    page: {
      items: page.map(toMessageRow),
      nextCursor:
        more && last
          ? encodeKeyset({ time: last.sent_time, id: last.message_id, recipient: last.recipient })
          : null,
    },
  };
}

/** One row per message and recipient: the status and the message's fields over all its events. */
const AGGREGATES = `send_time AS sent_time, message_id, recipient,
                   max(${STATUS_RANK_SQL}) AS status_rank,
                   ${STATUS_NAME_SQL('status_rank')} AS status,
                   anyIf(subject, subject != '') AS message_subject,
                   any(source_address) AS message_from,
                   any(sending_identity) AS message_identity,
                   anyIf(template, template != '') AS message_template,
                   anyIf(channel_id, channel_id != '') AS message_channel,
                   max(event_time) AS latest_event_at,
                   toUInt32(count()) AS events`;

/**
 * Without a status filter, a page is two cheap queries: the page's (sent time, message, recipient)
 * keys from a DISTINCT over three columns (no FINAL needed: a duplicate cannot add a key), then the
 * aggregation over those keys' events only, with FINAL so a duplicate never counts twice.
 */
async function pageByKeys(
  store: AnalyticsStore,
  limit: number,
  where: string[],
  params: Record<string, unknown>,
): Promise<Found> {
  const table = qualified(store, 'ses_events');
  const keyResult = await store.client.query({
    query: `SELECT DISTINCT send_time AS sent_time, message_id, recipient FROM ${table}
            WHERE ${where.join(' AND ')}
            ORDER BY send_time DESC, message_id DESC, recipient DESC
            LIMIT {limit:UInt32}`,
    query_params: params,
    format: 'JSONEachRow',
  });
  const keys = await keyResult.json<{ sent_time: string; message_id: string; recipient: string }>();
  const more = keys.length > limit;
  const pageKeys = more ? keys.slice(0, limit) : keys;
  const last = pageKeys.at(-1);
  const nextCursor =
    more && last
      ? encodeKeyset({ time: last.sent_time, id: last.message_id, recipient: last.recipient })
      : null;
  if (pageKeys.length === 0) return { more, page: { items: [], nextCursor } };

  const result = await store.client.query({
    query: `SELECT ${AGGREGATES}
            FROM ${table} FINAL
            WHERE organization_id = {organizationId:UUID}
              AND event_time >= {earliest:DateTime64(3)} - INTERVAL 1 MINUTE
              AND message_id IN {messageIds:Array(String)}
              AND recipient IN {recipients:Array(String)}
            GROUP BY send_time, message_id, recipient
            HAVING status_rank > 0`,
    query_params: {
      organizationId: params.organizationId,
      // Keys come newest first: the last one was sent earliest.
      earliest: last?.sent_time ?? '',
      messageIds: [...new Set(pageKeys.map((k) => k.message_id))],
      recipients: [...new Set(pageKeys.map((k) => k.recipient))],
    },
    clickhouse_settings: FILTERED_FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  const byKey = new Map<string, StoredMessageRow>();
  for (const row of await result.json<StoredMessageRow>()) {
    byKey.set(`${row.sent_time}|${row.message_id}|${row.recipient}`, row);
  }
  const items: MessageRow[] = [];
  for (const key of pageKeys) {
    const row = byKey.get(`${key.sent_time}|${key.message_id}|${key.recipient}`);
    if (row) items.push(toMessageRow(row));
  }
  return { more, page: { items, nextCursor } };
}

/** Every matching message, a page at a time (CSV export: never the whole result in memory). */
export async function* iterateMessages(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<MessageListQuery, 'cursor' | 'limit'>,
  pageSize = 2000,
): AsyncGenerator<MessageRow> {
  let cursor: string | null = null;
  do {
    const page: Page<MessageRow> = await listMessages(store, filter, { ...query, cursor, limit: pageSize });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

function toMessageRow(row: StoredMessageRow): MessageRow {
  return {
    messageId: row.message_id,
    recipient: row.recipient,
    status: row.status,
    subject: row.message_subject,
    from: row.message_from,
    sendingIdentity: row.message_identity,
    template: row.message_template,
    channelId: row.message_channel,
    sentAt: isoOf(row.sent_time),
    latestEventAt: isoOf(row.latest_event_at),
    events: Number(row.events),
  };
}
