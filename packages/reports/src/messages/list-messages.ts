import { type AnalyticsStore, FINAL_SETTINGS, qualified } from '@sendops/analytics';
import type { ReportFilter } from '../report-filter.ts';
import { clickhouseTimeOf, decodeKeyset, encodeKeyset, isoOf } from './keyset-cursor.ts';
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
    from: clickhouseTimeOf(filter.from),
    to: clickhouseTimeOf(filter.to),
    limit: query.limit + 1,
  };
  const where = [
    'organization_id = {organizationId:UUID}',
    // Events come after their message's send time, but EventBridge's `time` has whole seconds, so a
    // Send can be stamped up to a second before `mail.timestamp`: a minute of slack, and the primary
    // key still skips every earlier day.
    'event_time >= {from:DateTime64(3)} - INTERVAL 1 MINUTE',
    'send_time >= {from:DateTime64(3)}',
    'send_time < {to:DateTime64(3)}',
    "recipient != ''",
  ];
  if (filter.channelId !== undefined) {
    where.push('channel_id = {channelId:String}');
    params.channelId = filter.channelId;
  }
  if (query.identity) {
    where.push('sending_identity = {identity:String}');
    params.identity = query.identity;
  }
  if (query.template) {
    where.push('template = {template:String}');
    params.template = query.template;
  }
  const search = recipientSearchOf(query.recipient);
  if (search) {
    where.push(recipientSearchSql(search));
    params.recipientSearch = search.value;
  }
  if (query.cursor) {
    const after = decodeKeyset(query.cursor);
    where.push(
      '(send_time, message_id, recipient) < ({cursorTime:DateTime64(3)}, {cursorId:String}, {cursorRecipient:String})',
    );
    Object.assign(params, { cursorTime: after.time, cursorId: after.id, cursorRecipient: after.recipient });
  }
  const having = ['status_rank > 0'];
  if (query.status) {
    having.push('status_rank = {statusRank:UInt8}');
    params.statusRank = statusRank(query.status);
  }

  const result = await store.client.query({
    query: `SELECT send_time AS sent_time, message_id, recipient,
                   max(${STATUS_RANK_SQL}) AS status_rank,
                   ${STATUS_NAME_SQL('status_rank')} AS status,
                   anyIf(subject, subject != '') AS message_subject,
                   any(source_address) AS message_from,
                   any(sending_identity) AS message_identity,
                   anyIf(template, template != '') AS message_template,
                   anyIf(channel_id, channel_id != '') AS message_channel,
                   max(event_time) AS latest_event_at,
                   toUInt32(count()) AS events
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE ${where.join(' AND ')}
            GROUP BY send_time, message_id, recipient
            HAVING ${having.join(' AND ')}
            ORDER BY send_time DESC, message_id DESC, recipient DESC
            LIMIT {limit:UInt32}`,
    query_params: params,
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  const rows = await result.json<StoredMessageRow>();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map(toMessageRow),
    nextCursor:
      more && last
        ? encodeKeyset({ time: last.sent_time, id: last.message_id, recipient: last.recipient })
        : null,
  };
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
