'use client';

import { useId, useMemo, useState } from 'react';
import { reportsMessagesApi, type SuppressionRow } from '../../../lib/api/reports-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCan, useOrganization } from '../../organization-context.tsx';
import { useSession } from '../../session.tsx';
import { ErrorState, Loading, LoadMore } from '../../ui.tsx';
import { ExportCsvButton } from '../report-controls.tsx';
import { toQueryString, useReportFilter } from '../report-filter.tsx';
import { InfoTip } from './status-badge.tsx';
import { useDebounced } from './use-debounced.ts';
import { usePagedList } from './use-paged-list.ts';
import './messages.css';

const REASONS: Record<SuppressionRow['reason'], string> = {
  complaint: 'Complaint',
  account_suppression_list: 'Account suppression list',
  global_suppression_list: 'SES global suppression list',
  hard_bounce: 'Hard bounce',
};

const DEFINITION =
  'From your SES events: an address is listed when its latest complaint or permanent bounce falls in the date range and no delivery to it came later. Reasons: complaint; account suppression list (bounce sub-type OnAccountSuppressionList); SES global suppression list (Suppressed); hard bounce (any other permanent bounce). The channel filter applies to the suppressing event.';

/** The Suppression List section of the Deliverability tab, for roles holding `suppressions.view`. */
export function SuppressionListSection() {
  return useCan('suppressions.view') ? <SuppressionList /> : null;
}

/** The Suppression List viewer (reports/deliverability-reports). */
export function SuppressionList() {
  const { slug } = useOrganization();
  const { timezone } = useSession();
  const filter = useReportFilter();
  const canSearch = useCan('recipients.search');
  const searchId = useId();
  const [input, setInput] = useState('');
  const recipient = useDebounced(input.trim(), 350);
  const params = useMemo(
    (): Record<string, string> => (canSearch && recipient ? { recipient } : {}),
    [canSearch, recipient],
  );
  const list = usePagedList(
    (cursor) =>
      reportsMessagesApi.suppressions(
        slug,
        toQueryString({ ...filter.query, ...params, cursor: cursor ?? undefined }),
      ),
    [slug, filter.queryString, params, filter.refreshTick],
  );
  return (
    <section
      className="card suppression-list"
      aria-labelledby={`${searchId}-title`}
      data-testid="suppression-list"
    >
      <div className="filters">
        <h2 id={`${searchId}-title`} className="card-title-inline">
          Suppression List <InfoTip text={DEFINITION} />
        </h2>
        {canSearch && (
          <div className="field">
            <label htmlFor={searchId}>Address</label>
            <input
              id={searchId}
              className="input"
              type="search"
              placeholder="Full address or part of it"
              value={input}
              onChange={(e) => setInput(e.target.value)}
            />
          </div>
        )}
        <div className="report-controls-spacer" />
        <ExportCsvButton path="/reports/suppressions" extraParams={params} />
      </div>
      {list.error ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={list.error} onRetry={() => void list.reload()} />
        </div>
      ) : !list.items ? (
        <Loading label="Loading suppressed addresses…" />
      ) : list.items.length === 0 ? (
        <div className="empty">
          {recipient
            ? 'No suppressed address matches this search.'
            : 'No address was suppressed in this date range. Addresses appear here after a hard bounce or a complaint; SES stops sending to them.'}
        </div>
      ) : (
        <>
          <div className="table-wrap" style={{ opacity: list.loading ? 0.6 : 1 }}>
            <table className="table">
              <thead>
                <tr>
                  <th>Address</th>
                  <th>Reason</th>
                  <th className="hide-phone">Suppressed</th>
                  <th className="hide-phone">Diagnostic</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((s) => (
                  <tr key={s.address}>
                    <td className="mono small break">{s.address}</td>
                    <td>
                      <span
                        className={`badge ${s.reason === 'complaint' ? 'badge-danger' : 'badge-warning'}`}
                      >
                        {REASONS[s.reason]}
                      </span>
                      {s.detail && <div className="faint small">{s.detail}</div>}
                      <div className="show-phone faint small">
                        {formatDateTime(s.suppressedAt, timezone, true)}
                      </div>
                    </td>
                    <td className="nowrap small hide-phone">
                      {formatDateTime(s.suppressedAt, timezone, true)}
                    </td>
                    <td className="small truncate hide-phone">{s.diagnosticCode || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={list} />
        </>
      )}
    </section>
  );
}
