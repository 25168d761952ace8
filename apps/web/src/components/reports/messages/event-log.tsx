'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { EVENT_TYPES, type EventLogRow, reportsMessagesApi } from '../../../lib/api/reports-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCan, useOrganization } from '../../organization-context.tsx';
import { useSession } from '../../session.tsx';
import { ErrorState, Loading, LoadMore } from '../../ui.tsx';
import { ExportCsvButton } from '../report-controls.tsx';
import { toQueryString, useReportFilter } from '../report-filter.tsx';
import { useDebounced } from './use-debounced.ts';
import { usePagedList } from './use-paged-list.ts';

type EventPage = {
  items: EventLogRow[];
  nextCursor: string | null;
  watermark: string | null;
  changed: boolean;
};

/**
 * The Event Log sub-tab: every SES event newest first. Auto-refresh asks `since=<watermark>` first,
 * which answers without rows when nothing arrived, so an idle view costs one tiny query per tick.
 */
export function EventLog({ onOpen }: { onOpen: (row: { messageId: string; recipient: string }) => void }) {
  const { slug } = useOrganization();
  const { timezone } = useSession();
  const filter = useReportFilter();
  const canSearch = useCan('recipients.search');
  const ids = { type: useId(), recipient: useId() };
  const [type, setType] = useState('');
  const [recipientInput, setRecipientInput] = useState('');
  const recipient = useDebounced(recipientInput.trim(), 350);
  const params = useMemo(
    () =>
      Object.fromEntries(
        Object.entries({ type, recipient: canSearch ? recipient : '' }).filter(([, v]) => v),
      ),
    [type, recipient, canSearch],
  );
  const watermark = useRef<string | null>(null);
  const list = usePagedList<EventLogRow>(
    async (cursor) => {
      const page: EventPage = await reportsMessagesApi.events(
        slug,
        toQueryString({ ...filter.query, ...params, cursor: cursor ?? undefined }),
      );
      if (!cursor) watermark.current = page.watermark;
      return page;
    },
    [slug, filter.queryString, params],
  );

  const { setData } = list;
  // Only the tick triggers a poll; filter changes reload through usePagedList.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tick alone decides when to poll
  useEffect(() => {
    if (filter.refreshTick === 0) return;
    let cancelled = false;
    void (async () => {
      const since = watermark.current;
      const page = await reportsMessagesApi.events(
        slug,
        toQueryString({ ...filter.query, ...params, since: since ?? undefined }),
      );
      if (cancelled || !page.changed) return;
      watermark.current = page.watermark;
      setData(page);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [filter.refreshTick]);

  return (
    <div className="card">
      <div className="filters">
        <div className="field">
          <label htmlFor={ids.type}>Event type</label>
          <select id={ids.type} className="select" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        {canSearch && (
          <div className="field">
            <label htmlFor={ids.recipient}>Recipient</label>
            <input
              id={ids.recipient}
              className="input"
              type="search"
              placeholder="Full address or part of it"
              value={recipientInput}
              onChange={(e) => setRecipientInput(e.target.value)}
            />
          </div>
        )}
        <div className="report-controls-spacer" />
        <ExportCsvButton path="/reports/events" extraParams={params} />
      </div>
      {list.error ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={list.error} onRetry={() => void list.reload()} />
        </div>
      ) : !list.items ? (
        <Loading label="Loading events…" />
      ) : list.items.length === 0 ? (
        <div className="empty">
          {Object.keys(params).length > 0
            ? 'No events match these filters in this date range.'
            : 'No events in this date range. Events appear here as SES reports them (sends, deliveries, bounces, complaints, opens, clicks); turn on auto-refresh to watch them arrive.'}
        </div>
      ) : (
        <>
          <div className="table-wrap" style={{ opacity: list.loading ? 0.6 : 1 }}>
            <table className="table" data-testid="event-log-table">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Event</th>
                  <th>Recipient</th>
                  <th className="hide-phone">Detail</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((e) => (
                  <tr
                    key={`${e.eventId}|${e.recipient}`}
                    className="clickable"
                    tabIndex={0}
                    onClick={() => e.recipient && onOpen(e)}
                    onKeyDown={(k) => {
                      if (k.key === 'Enter' && e.recipient) onOpen(e);
                    }}
                  >
                    <td className="nowrap small">{formatDateTime(e.at, timezone, true)}</td>
                    <td>
                      <span className="badge">{e.type}</span>
                    </td>
                    <td className="mono small break">{e.recipient || '—'}</td>
                    <td className="small truncate hide-phone">{e.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
