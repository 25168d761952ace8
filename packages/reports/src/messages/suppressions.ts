import { type AnalyticsStore, qualified } from '@sendops/analytics';
import { toClickhouseTime } from '@sendops/ses-events';
import type { ReportFilter } from '../report-filter.ts';
import { decodeKeyset, encodeKeyset, isoOf, type KeysetPosition } from './keyset-cursor.ts';
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
    from: toClickhouseTime(filter.from),
    to: toClickhouseTime(filter.to),
  };
  // Rows of the address in the view (range, search) ...
  const ofAddress = [
    'organization_id = {organizationId:UUID}',
    'event_time >= {from:DateTime64(3)}',
    'event_time < {to:DateTime64(3)}',
    "recipient != ''",
  ];
  // ... and which of them suppress it (the channel selects the suppressing event; any delivery lifts).
  const suppressing = [SUPPRESSING];
  if (filter.channelId !== undefined) {
    suppressing.push('channel_id = {channelId:String}');
    params.channelId = filter.channelId;
  }
  const search = recipientSearchOf(query.recipient);
  if (search) {
    ofAddress.push(recipientSearchSql(search));
    params.recipientSearch = search.value;
  }
  const inRange = [...ofAddress, ...suppressing];
  // Newest suppressions first, a batch at a time: a batch's addresses are checked for a later delivery
  // only from its oldest suppression on (a short span on the first pages). Batches grow while lifted
  // addresses leave the page short; after a few, the rest comes from one pass over the range's
  // deliveries and suppressions.
  const table = qualified(store, 'ses_events');
  let after = query.cursor ? decodeKeyset(query.cursor) : undefined;
  const kept: Candidate[] = [];
  let batch = query.limit + 1 + SPARE_CANDIDATES;
  for (let round = 0; kept.length <= query.limit; round++) {
    if (round === CANDIDATE_ROUNDS) {
      kept.push(
        ...(await unliftedSuppressions(
          store,
          table,
          ofAddress,
          suppressing,
          params,
          after as KeysetPosition,
          query.limit + 1 - kept.length,
        )),
      );
      break;
    }
    const candidates = await suppressionCandidates(store, table, inRange, params, after, batch);
    const oldest = candidates.at(-1);
    if (!oldest) break;
    const lifted = await liftedAt(store, table, params, candidates, oldest.suppressed_at);
    for (const candidate of candidates) {
      const deliveredAt = lifted.get(candidate.address);
      if (deliveredAt === undefined || millisOf(deliveredAt) <= millisOf(candidate.suppressed_at)) {
        kept.push(candidate);
      }
    }
    if (candidates.length < batch) break;
    after = { time: oldest.suppressed_at, id: '', recipient: oldest.address };
    batch *= 4;
  }
  const more = kept.length > query.limit;
  const page = more ? kept.slice(0, query.limit) : kept;
  const details = await suppressionDetails(store, table, inRange, params, page);
  const last = page.at(-1);
  return {
    items: page.map((candidate) => {
      const row = details.get(candidate.address) as StoredSuppression;
      return {
        address: candidate.address,
        reason: row.reason,
        detail: row.detail,
        diagnosticCode: row.diagnostic_code,
        suppressedAt: isoOf(candidate.suppressed_at),
        messageId: row.message_id,
      };
    }),
    nextCursor:
      more && last ? encodeKeyset({ time: last.suppressed_at, id: '', recipient: last.address }) : null,
  };
}

const millisOf = (clickhouseTime: string) => Date.parse(isoOf(clickhouseTime));

/** Candidates beyond the page read in the first batch, for the few a delivery lifts. */
const SPARE_CANDIDATES = 14;
/** Candidate batches (each 4x the last) before the rest of a page comes from one pass over the range. */
const CANDIDATE_ROUNDS = 3;

/**
 * The next `batch` suppressed addresses after `cursor` (latest suppressing event per address, newest
 * first), before any lifting; only the address and time (the details of the page's rows come after).
 * No FINAL: max and argMax give the same answer when a retried event is stored twice, so the
 * duplicates ReplacingMergeTree has not merged yet cannot change a row.
 */
async function suppressionCandidates(
  store: AnalyticsStore,
  table: string,
  inRange: string[],
  params: Record<string, unknown>,
  cursor: KeysetPosition | undefined,
  batch: number,
): Promise<Candidate[]> {
  const result = await store.client.query({
    query: `SELECT recipient AS address, max(event_time) AS suppressed_at
            FROM ${table}
            WHERE ${inRange.join(' AND ')}
            GROUP BY recipient
            ${cursor ? 'HAVING (suppressed_at, address) < ({cursorTime:DateTime64(3)}, {cursorAddress:String})' : ''}
            ORDER BY suppressed_at DESC, address DESC
            LIMIT {batch:UInt32}`,
    query_params: {
      ...params,
      batch,
      ...(cursor ? { cursorTime: cursor.time, cursorAddress: cursor.recipient } : {}),
    },
    format: 'JSONEachRow',
  });
  return result.json<Candidate>();
}

/**
 * The next `count` addresses after `cursor` that are suppressed and not lifted, from one pass over the
 * range's suppressing events and deliveries of the view's addresses.
 */
async function unliftedSuppressions(
  store: AnalyticsStore,
  table: string,
  ofAddress: string[],
  suppressing: string[],
  params: Record<string, unknown>,
  cursor: KeysetPosition,
  count: number,
): Promise<Candidate[]> {
  const isSuppressing = suppressing.join(' AND ');
  const result = await store.client.query({
    query: `SELECT recipient AS address,
                   maxIf(event_time, ${isSuppressing}) AS suppressed_at,
                   maxIf(event_time, event_type = 'Delivery') AS delivered_at
            FROM ${table}
            WHERE ${ofAddress.join(' AND ')} AND event_type IN ('Bounce', 'Complaint', 'Delivery')
            GROUP BY recipient
            HAVING countIf(${isSuppressing}) > 0 AND (countIf(event_type = 'Delivery') = 0 OR delivered_at <= suppressed_at)
              AND (suppressed_at, address) < ({cursorTime:DateTime64(3)}, {cursorAddress:String})
            ORDER BY suppressed_at DESC, address DESC
            LIMIT {count:UInt32}`,
    query_params: { ...params, count, cursorTime: cursor.time, cursorAddress: cursor.recipient },
    format: 'JSONEachRow',
  });
  return result.json<Candidate>();
}

/**
 * Reason, detail and message of each listed address's latest suppressing event in the view. Their
 * times are known, so only the days from the oldest to the newest of them are read.
 */
async function suppressionDetails(
  store: AnalyticsStore,
  table: string,
  inRange: string[],
  params: Record<string, unknown>,
  page: Candidate[],
): Promise<Map<string, StoredSuppression>> {
  if (page.length === 0) return new Map();
  const times = page.map((row) => row.suppressed_at).sort();
  const result = await store.client.query({
    query: `SELECT recipient AS address,
                   max(event_time) AS suppressed_at,
                   argMax(${SUPPRESSION_REASON_SQL}, (event_time, event_id)) AS reason,
                   argMax(if(event_type = 'Complaint', complaint_feedback_type, bounce_sub_type),
                          (event_time, event_id)) AS detail,
                   argMax(diagnostic_code, (event_time, event_id)) AS diagnostic_code,
                   argMax(message_id, (event_time, event_id)) AS message_id
            FROM ${table}
            WHERE ${inRange.join(' AND ')} AND recipient IN {addresses:Array(String)}
              AND event_time >= {oldest:DateTime64(3)} AND event_time <= {newest:DateTime64(3)}
            GROUP BY recipient`,
    query_params: {
      ...params,
      addresses: page.map((row) => row.address),
      oldest: times[0],
      newest: times.at(-1),
    },
    format: 'JSONEachRow',
  });
  return new Map((await result.json<StoredSuppression>()).map((row) => [row.address, row]));
}

interface Candidate {
  address: string;
  suppressed_at: string;
}

/**
 * The latest delivery (up to the range's end) to each candidate since `since` (the oldest candidate's
 * suppression): a delivery after an address's suppression lifts it (someone removed it from the list).
 * Earlier deliveries cannot lift any candidate, so the primary key skips those days.
 */
async function liftedAt(
  store: AnalyticsStore,
  table: string,
  params: Record<string, unknown>,
  candidates: Candidate[],
  since: string,
): Promise<Map<string, string>> {
  const result = await store.client.query({
    query: `SELECT recipient AS address, max(event_time) AS delivered_at
            FROM ${table}
            WHERE organization_id = {organizationId:UUID} AND event_type = 'Delivery'
              AND event_time >= {since:DateTime64(3)} AND event_time < {to:DateTime64(3)}
              AND recipient IN {addresses:Array(String)}
            GROUP BY recipient`,
    query_params: {
      organizationId: params.organizationId,
      to: params.to,
      since,
      addresses: candidates.map((c) => c.address),
    },
    format: 'JSONEachRow',
  });
  const lifted = new Map<string, string>();
  for (const row of await result.json<{ address: string; delivered_at: string }>()) {
    lifted.set(row.address, row.delivered_at);
  }
  return lifted;
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
