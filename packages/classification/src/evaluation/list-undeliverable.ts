import type { AnalyticsStore } from '@sendops/analytics';
import { FINAL_SETTINGS } from '@sendops/analytics';
import { DomainError } from '@sendops/db';
import { reasonLabel } from '../rules/reason-label.ts';
import { isReason, type Reason, type RuleSettings } from '../rules/rule-set.ts';
import { addressAggregateSql, addressDetailsSql, type EvaluationScope } from './address-aggregate-sql.ts';
import { exclusionsCte } from './exclusions-sql.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { DATETIME, ruleSetSql } from './rule-set-sql.ts';

export const STATUS_FILTERS = ['listed', 'excluded', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface ListFilters {
  /** Case-insensitive substring of the address. */
  search?: string;
  /** Default `listed`. */
  status?: StatusFilter;
  /** Only rows whose reason is one of these; empty or absent = any. */
  reasons?: readonly Reason[];
}

export interface UndeliverableRow {
  address: string;
  status: 'listed' | 'excluded';
  /** The highest-priority rule matching now; null for an excluded address no rule matches any more. */
  reason: Reason | null;
  /** `permanent bounce · NoEmail`, `complaint · abuse`, `repeated transient`. */
  reasonLabel: string | null;
  /** Qualifying events in the retention window (under the organization's rules). */
  events: number;
  /** ISO time: latest qualifying event for listed rows, the clearing for excluded ones. */
  lastChange: string;
  /** SMTP diagnostic of the latest qualifying event; for excluded rows the operator's note when one was recorded. */
  lastDiagnostic: string;
  /** The active clearing, also on a listed row whose clearing a new failure overrode. */
  exclusion: { note: string | null; actorName: string | null; clearedAt: string } | null;
}

export interface ListPage {
  items: UndeliverableRow[];
  nextCursor: string | null;
}

export interface ListQuery extends EvaluationScope {
  settings: RuleSettings;
  filters?: ListFilters;
  cursor?: string | null;
  /** 1–500, default 50. */
  limit?: number;
}

interface RawRow {
  address: string;
  is_listed: number;
  reason: string;
  events: string | number;
  last_change: string;
  excluded: number;
  note: string;
  actor_name: string;
  cleared_at: string;
  /** Days holding the events phase two reads. */
  days: string[];
}

interface Details {
  permanent_bounce_sub_type: string;
  complaint_sub_type: string;
  diagnostic: string;
}

/**
 * One page of the Undeliverable list, evaluated in ClickHouse: per address the rules' reason, then the
 * exclusions (an address is Excluded unless a qualifying event came after its clearing), then filters,
 * ordered by last change (newest first) and address, keyset-paginated.
 */
export async function listUndeliverable(store: AnalyticsStore, query: ListQuery): Promise<ListPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new DomainError('invalid', 'limit must be an integer from 1 to 500');
  }
  const rows = await queryRows(store, query, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await withDetails(store, query, page),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ lastChange: last.last_change, address: last.address })
        : null,
  };
}

/** Every row matching the filters, in list order, fetched a page at a time (for the CSV export). */
export async function* iterateUndeliverable(
  store: AnalyticsStore,
  query: Omit<ListQuery, 'cursor' | 'limit'>,
  pageSize = 5000,
): AsyncGenerator<UndeliverableRow> {
  let cursor: string | null = null;
  do {
    const rows = await queryRows(store, { ...query, cursor }, pageSize);
    yield* await withDetails(store, query, rows);
    const last = rows.at(-1);
    cursor =
      rows.length === pageSize && last
        ? encodeCursor({ lastChange: last.last_change, address: last.address })
        : null;
  } while (cursor);
}

/** Phase one: which addresses, in which order, with reason, count and last change; no strings yet. */
async function queryRows(store: AnalyticsStore, query: ListQuery, limit: number): Promise<RawRow[]> {
  const filters = query.filters ?? {};
  const status = filters.status ?? 'listed';
  if (!STATUS_FILTERS.includes(status)) {
    throw new DomainError('invalid', `status must be one of ${STATUS_FILTERS.join(', ')}`);
  }
  const reasons = filters.reasons ?? [];
  for (const reason of reasons) {
    if (!isReason(reason)) throw new DomainError('invalid', `reason ${reason} is not a reason`);
  }
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;

  const set = ruleSetSql('c', query.settings, query.now);
  const excl = exclusionsCte(store);
  // Search narrows the scan itself; the status picks the cheapest join: Listed never needs the
  // exclusions no rule matches, Excluded only aggregates the excluded addresses.
  const search = `positionCaseInsensitiveUTF8(recipient, {search:String}) > 0`;
  const aggregate =
    status === 'listed'
      ? addressAggregateSql(store, query, [set], `c_reason != ''`, search)
      : status === 'excluded'
        ? addressAggregateSql(
            store,
            query,
            [set],
            '1',
            `${search} AND recipient IN (SELECT address FROM exclusions)`,
          )
        : addressAggregateSql(
            store,
            query,
            [set],
            `c_reason != '' OR address IN (SELECT address FROM exclusions)`,
            search,
          );
  const m = `(SELECT *, toUInt8(1) AS present FROM (${aggregate.sql})) AS m`;
  const x = `(SELECT *, toUInt8(1) AS present FROM exclusions) AS x`;
  const join =
    status === 'listed'
      ? `${m} LEFT JOIN ${x} ON m.address = x.address`
      : status === 'excluded'
        ? `${x} LEFT JOIN ${m} ON m.address = x.address`
        : `${m} FULL OUTER JOIN ${x} ON m.address = x.address`;
  const sql = `
    WITH ${excl}
    SELECT address, is_listed, reason, events, toString(changed_at) AS last_change,
      excluded, note, actor_name, toString(cleared_at) AS cleared_at, days
    FROM (
      SELECT
        if(m.present = 1, m.address, x.address) AS address,
        m.c_reason AS reason,
        m.c_events AS events,
        x.present = 1 AND NOT (reason != '' AND m.c_last > x.cleared_at) AS is_excluded,
        reason != '' AND NOT is_excluded AS is_listed,
        if(is_excluded, x.cleared_at, m.c_last) AS changed_at,
        x.present AS excluded, x.note AS note, x.actor_name AS actor_name, x.cleared_at AS cleared_at,
        arrayDistinct([toDate(m.c_last), toDate(m.permanent_bounce_last), toDate(m.complaint_last)]) AS days
      FROM ${join}
    )
    WHERE multiIf({status:String} = 'listed', is_listed, {status:String} = 'excluded', is_excluded, is_listed OR is_excluded)
      AND positionCaseInsensitiveUTF8(address, {search:String}) > 0
      AND (length({reasons:Array(String)}) = 0 OR has({reasons:Array(String)}, reason))
      AND ({has_cursor:UInt8} = 0 OR changed_at < {cursor_time:${DATETIME}}
           OR (changed_at = {cursor_time:${DATETIME}} AND address > {cursor_address:String}))
    ORDER BY changed_at DESC, address ASC
    LIMIT {limit:UInt32}`;
  const result = await store.client.query({
    query: sql,
    query_params: {
      ...aggregate.params,
      status,
      search: filters.search ?? '',
      reasons,
      has_cursor: cursor ? 1 : 0,
      cursor_time: cursor?.lastChange ?? '1970-01-01 00:00:00.000',
      cursor_address: cursor?.address ?? '',
      limit,
    },
    clickhouse_settings: FINAL_SETTINGS,
    use_multipart_params_auto: true,
    format: 'JSONEachRow',
  });
  return result.json<RawRow>();
}

/** Phase two: sub-types and diagnostics for the page's addresses only (a bloom-filter lookup). */
async function withDetails(
  store: AnalyticsStore,
  query: Omit<ListQuery, 'cursor' | 'limit'>,
  rows: RawRow[],
): Promise<UndeliverableRow[]> {
  if (rows.length === 0) return [];
  const details = addressDetailsSql(
    store,
    query,
    ruleSetSql('c', query.settings, query.now),
    rows.map((r) => r.address),
    [...new Set(rows.flatMap((r) => r.days))],
  );
  const result = await store.client.query({
    query: details.sql,
    query_params: details.params,
    clickhouse_settings: FINAL_SETTINGS,
    use_multipart_params_auto: true,
    format: 'JSONEachRow',
  });
  const found = new Map((await result.json<Details & { address: string }>()).map((d) => [d.address, d]));
  return rows.map((row) => toRow(row, found.get(row.address)));
}

function toRow(row: RawRow, details: Details | undefined): UndeliverableRow {
  const reason = isReason(row.reason) ? row.reason : null;
  const listed = Number(row.is_listed) === 1;
  const excluded = Number(row.excluded) === 1;
  const note = excluded && row.note !== '' ? row.note : null;
  const subType =
    reason === 'permanent_bounce'
      ? details?.permanent_bounce_sub_type
      : reason === 'complaint'
        ? details?.complaint_sub_type
        : '';
  return {
    address: row.address,
    status: listed ? 'listed' : 'excluded',
    reason,
    reasonLabel: reason ? reasonLabel(reason, subType ?? '') : null,
    events: Number(row.events),
    lastChange: `${row.last_change.replace(' ', 'T')}Z`,
    lastDiagnostic: !listed && note ? note : (details?.diagnostic ?? ''),
    exclusion: excluded
      ? { note, actorName: row.actor_name || null, clearedAt: `${row.cleared_at.replace(' ', 'T')}Z` }
      : null,
  };
}
