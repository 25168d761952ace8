import { type AnalyticsStore, qualified } from '@sendops/analytics';
import type { ReportFilter } from '../report-filter.ts';
import { clickhouseTimeOf, decodeKeyset, encodeKeyset, isoOf } from './keyset-cursor.ts';
import type { Page } from './list-messages.ts';
import { recipientSearchOf, recipientSearchSql } from './recipient-search.ts';

/**
 * The Suppression List viewer, from events (the AWS sync adds the SES account-level list later).
 * Our definition (spec: "addresses SES will not attempt to deliver to, typically due to previous hard
 * bounces or complaints"), documented in docs/dashboard-api.md and on the page:
 *
 * - an address is suppressed by its latest suppressing event: a complaint, or a Permanent bounce —
 *   `OnAccountSuppressionList` (the account's own list), `Suppressed` (SES's global list), or any other
 *   permanent sub-type (a hard bounce, which SES's account-level suppression adds by default);
 * - a later Delivery to the address (up to the range's end) lifts it: someone removed it from the list;
 * - the date range and channel filter select by the suppressing event: "suppressed in this period".
 */
export const SUPPRESSION_REASONS = [
  'complaint',
  'account_suppression_list',
  'global_suppression_list',
  'hard_bounce',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export interface SuppressionRow {
  address: string;
  reason: SuppressionReason;
  /** Bounce sub-type or complaint feedback type, as SES gave it. */
  detail: string;
  diagnosticCode: string;
  suppressedAt: string;
  messageId: string;
}

export interface SuppressionQuery {
  recipient?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

const SUPPRESSING = `(event_type = 'Complaint' OR (event_type = 'Bounce' AND bounce_type = 'Permanent'))`;

export const SUPPRESSION_REASON_SQL = `multiIf(event_type = 'Complaint', 'complaint',
  bounce_sub_type = 'OnAccountSuppressionList', 'account_suppression_list',
  bounce_sub_type = 'Suppressed', 'global_suppression_list', 'hard_bounce')`;

/** The reason of one suppressing event (the TypeScript reading of SUPPRESSION_REASON_SQL). */
export function suppressionReasonOf(eventType: string, bounceSubType: string): SuppressionReason {
  if (eventType === 'Complaint') return 'complaint';
  if (bounceSubType === 'OnAccountSuppressionList') return 'account_suppression_list';
  if (bounceSubType === 'Suppressed') return 'global_suppression_list';
  return 'hard_bounce';
}

interface StoredSuppression {
  address: string;
  suppressed_at: string;
  reason: SuppressionReason;
  detail: string;
  diagnostic_code: string;
  message_id: string;
}

/** Suppressed addresses, most recently suppressed first, keyset on (suppressed at, address). */
export async function listSuppressions(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: SuppressionQuery,
): Promise<Page<SuppressionRow>> {
  const params: Record<string, unknown> = {
    organizationId: filter.organizationId,
    from: clickhouseTimeOf(filter.from),
    to: clickhouseTimeOf(filter.to),
    limit: query.limit + 1,
  };
  const inRange = [
    'organization_id = {organizationId:UUID}',
    'event_time >= {from:DateTime64(3)}',
    'event_time < {to:DateTime64(3)}',
    "recipient != ''",
    SUPPRESSING,
  ];
  if (filter.channelId !== undefined) {
    inRange.push('channel_id = {channelId:String}');
    params.channelId = filter.channelId;
  }
  const search = recipientSearchOf(query.recipient);
  if (search) {
    inRange.push(recipientSearchSql(search));
    params.recipientSearch = search.value;
  }
  const having: string[] = [];
  if (query.cursor) {
    const after = decodeKeyset(query.cursor);
    having.push('(suppressed_at, address) < ({cursorTime:DateTime64(3)}, {cursorAddress:String})');
    Object.assign(params, { cursorTime: after.time, cursorAddress: after.recipient });
  }
  // No FINAL: max and argMax give the same answer when a retried event is stored twice, so the
  // duplicates ReplacingMergeTree has not merged yet cannot change a row.
  const table = qualified(store, 'ses_events');
  const result = await store.client.query({
    query: `WITH suppressing AS (
              SELECT recipient AS address,
                     max(event_time) AS suppressed_at,
                     argMax(${SUPPRESSION_REASON_SQL}, (event_time, event_id)) AS reason,
                     argMax(if(event_type = 'Complaint', complaint_feedback_type, bounce_sub_type),
                            (event_time, event_id)) AS detail,
                     argMax(diagnostic_code, (event_time, event_id)) AS diagnostic_code,
                     argMax(message_id, (event_time, event_id)) AS message_id
              FROM ${table}
              WHERE ${inRange.join(' AND ')}
              GROUP BY recipient
            ),
            lifted AS (
              SELECT recipient AS address, max(event_time) AS delivered_at
              FROM ${table}
              WHERE organization_id = {organizationId:UUID} AND event_type = 'Delivery'
                AND event_time >= {from:DateTime64(3)} AND event_time < {to:DateTime64(3)}
                AND recipient IN (SELECT address FROM suppressing)
              GROUP BY recipient
            )
            SELECT s.address AS address, s.suppressed_at AS suppressed_at, s.reason AS reason,
                   s.detail AS detail, s.diagnostic_code AS diagnostic_code, s.message_id AS message_id
            FROM suppressing AS s
            LEFT JOIN lifted AS l ON l.address = s.address
            WHERE (l.address = '' OR l.delivered_at <= s.suppressed_at)
            ${having.length > 0 ? `AND ${having.join(' AND ')}` : ''}
            ORDER BY suppressed_at DESC, address DESC
            LIMIT {limit:UInt32}`,
    query_params: params,
    clickhouse_settings: { join_use_nulls: 0 },
    format: 'JSONEachRow',
  });
  const rows = await result.json<StoredSuppression>();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      address: row.address,
      reason: row.reason,
      detail: row.detail,
      diagnosticCode: row.diagnostic_code,
      suppressedAt: isoOf(row.suppressed_at),
      messageId: row.message_id,
    })),
    nextCursor:
      more && last ? encodeKeyset({ time: last.suppressed_at, id: '', recipient: last.address }) : null,
  };
}

/** Every suppressed address of the view, a page at a time (CSV export). */
export async function* iterateSuppressions(
  store: AnalyticsStore,
  filter: ReportFilter,
  query: Omit<SuppressionQuery, 'cursor' | 'limit'>,
  pageSize = 2000,
): AsyncGenerator<SuppressionRow> {
  let cursor: string | null = null;
  do {
    const page: Page<SuppressionRow> = await listSuppressions(store, filter, {
      ...query,
      cursor,
      limit: pageSize,
    });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
