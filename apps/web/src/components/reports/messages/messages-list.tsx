'use client';

import { useId, useMemo, useState } from 'react';
import { MESSAGE_STATUSES, type MessageRow, reportsMessagesApi } from '../../../lib/api/reports-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCan, useOrganization } from '../../organization-context.tsx';
import { useSession } from '../../session.tsx';
import { ErrorState, Loading, LoadMore } from '../../ui.tsx';
import { toQueryString, useReportExportParams, useReportFilter } from '../report-filter.tsx';
import { InfoTip, STATUS_PRECEDENCE_NOTE, StatusBadge } from './status-badge.tsx';
import { useDebounced } from './use-debounced.ts';
import { usePagedList } from './use-paged-list.ts';

/** The Messages sub-tab: one row per message and recipient, newest first. */
export function MessagesList({
  onOpen,
}: {
  onOpen: (row: { messageId: string; recipient: string }) => void;
}) {
  const { slug } = useOrganization();
  const { timezone } = useSession();
  const filter = useReportFilter();
  const canSearch = useCan('recipients.search');
  const ids = { recipient: useId(), status: useId(), identity: useId(), template: useId() };
  const [recipientInput, setRecipientInput] = useState('');
  const [status, setStatus] = useState('');
  const [identityInput, setIdentityInput] = useState('');
  const [templateInput, setTemplateInput] = useState('');
  const recipient = useDebounced(recipientInput.trim(), 350);
  const identity = useDebounced(identityInput.trim(), 350);
  const template = useDebounced(templateInput.trim(), 350);
  const listParams = useMemo(
    () => ({ status, identity, template, recipient: canSearch ? recipient : '' }),
    [status, identity, template, recipient, canSearch],
  );
  useReportExportParams(useMemo(() => toParams(listParams), [listParams]));
  const list = usePagedList(
    (cursor) =>
      reportsMessagesApi.messages(
        slug,
        toQueryString({ ...filter.query, ...toParams(listParams), cursor: cursor ?? undefined }),
      ),
    [slug, filter.queryString, listParams, filter.refreshTick],
  );
  const filtered = Object.values(listParams).some((v) => v);

  return (
    <div className="card">
      <div className="filters">
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
        <div className="field">
          <label htmlFor={ids.status}>
            Status <InfoTip text={STATUS_PRECEDENCE_NOTE} />
          </label>
          <select
            id={ids.status}
            className="select"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="">All statuses</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.identity}>Identity</label>
          <input
            id={ids.identity}
            className="input"
            placeholder="e.g. mail.example.com"
            value={identityInput}
            onChange={(e) => setIdentityInput(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.template}>Template</label>
          <input
            id={ids.template}
            className="input"
            placeholder="Template name"
            value={templateInput}
            onChange={(e) => setTemplateInput(e.target.value)}
          />
        </div>
      </div>
      {list.error ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={list.error} onRetry={() => void list.reload()} />
        </div>
      ) : !list.items ? (
        <Loading label="Loading messages…" />
      ) : list.items.length === 0 ? (
        <div className="empty" data-testid="messages-empty">
          {filtered
            ? 'No messages match these filters in this date range.'
            : 'No messages in this date range. Once your AWS account sends through a connected configuration set, every message shows up here within seconds — or pick a longer range.'}
        </div>
      ) : (
        <>
          <div className="table-wrap" style={{ opacity: list.loading ? 0.6 : 1 }}>
            <table className="table messages-table" data-testid="messages-table">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>Recipient</th>
                  <th className="hide-phone">Subject</th>
                  <th className="hide-phone">Sent</th>
                  <th className="hide-phone">Latest event</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((m: MessageRow) => (
                  <tr
                    key={`${m.messageId}|${m.recipient}`}
                    className="clickable"
                    tabIndex={0}
                    onClick={() => onOpen(m)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') onOpen(m);
                    }}
                  >
                    <td>
                      <StatusBadge status={m.status} />
                    </td>
                    <td className="small break">
                      <span className="mono">{m.recipient}</span>
                      {/* On a phone, subject and time fold under the recipient. */}
                      <div className="show-phone faint">{m.subject || '(no subject)'}</div>
                      <div className="show-phone faint">{formatDateTime(m.sentAt, timezone, true)}</div>
                    </td>
                    <td className="truncate hide-phone">
                      {m.subject || <span className="muted">(none)</span>}
                    </td>
                    <td className="nowrap small hide-phone">{formatDateTime(m.sentAt, timezone, true)}</td>
                    <td className="nowrap small hide-phone">
                      {formatDateTime(m.latestEventAt, timezone, true)}
                    </td>
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

function toParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v));
}
