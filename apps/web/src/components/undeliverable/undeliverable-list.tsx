'use client';

// The Undeliverable list (spec: undeliverable-list): search, Status and Reason filters kept in the URL
// (`q`, `status`, `reason`) so a view can be shared; keyset pages appended by "Load more".
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import {
  REASON_LABELS,
  REASONS,
  type Reason,
  STATUS_FILTERS,
  type StatusFilter,
  type UndeliverableRow,
  undeliverableApi,
} from '../../lib/api/undeliverable.ts';
import { formatDateTime } from '../../lib/format.ts';
import { orgPath } from '../../lib/navigation.ts';
import { Icon } from '../icons.tsx';
import { useCan, useOrganization } from '../organization-context.tsx';
import { useDebounced } from '../reports/messages/use-debounced.ts';
import { usePagedList } from '../reports/messages/use-paged-list.ts';
import { useSession } from '../session.tsx';
import { ConfirmDialog, ErrorState, Loading, LoadMore } from '../ui.tsx';
import { HistoryPanel } from './history-panel.tsx';
import { MANAGE_DENIED, PermissionButton } from './permission-button.tsx';
import '../reports/messages/messages.css';
import './undeliverable.css';

const PAGE_SIZE = 50;
const NOTE_MAX = 500;
const STATUS_LABELS: Record<StatusFilter, string> = { listed: 'Listed', excluded: 'Excluded', all: 'All' };

function useListParams() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const rawStatus = params.get('status');
  const status: StatusFilter = STATUS_FILTERS.includes(rawStatus as StatusFilter)
    ? (rawStatus as StatusFilter)
    : 'listed';
  const rawReason = params.get('reason') ?? '';
  const reason = REASONS.includes(rawReason as Reason) ? (rawReason as Reason) : '';
  const search = params.get('q') ?? '';
  const set = useCallback(
    (changes: Record<string, string>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        // The defaults stay out of the URL, so the plain page has a plain address.
        if (!value || (key === 'status' && value === 'listed')) next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return { status, reason, search, set };
}

export function UndeliverableList() {
  const membership = useOrganization();
  const { slug } = membership;
  const { timezone } = useSession();
  const canManage = useCan('undeliverable.manage');
  const ids = { search: useId(), status: useId(), reason: useId() };
  const { status, reason, search, set } = useListParams();
  const [input, setInput] = useState(search);
  const debounced = useDebounced(input.trim(), 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search goes to the URL
  useEffect(() => {
    if (debounced !== search) set({ q: debounced });
  }, [debounced]);
  const query = useMemo(
    () => ({ search, status, reason: reason ? [reason] : [], limit: PAGE_SIZE }),
    [search, status, reason],
  );
  const [tick, setTick] = useState(0);
  const list = usePagedList(
    (cursor) => undeliverableApi.list(slug, { ...query, cursor }),
    [slug, query, tick],
  );
  const [history, setHistory] = useState<string | null>(null);
  const [allowing, setAllowing] = useState<UndeliverableRow | null>(null);
  const [relisting, setRelisting] = useState<UndeliverableRow | null>(null);
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const filtered = Boolean(search || reason || status !== 'listed');

  return (
    <>
      <div className="page-header">
        <div className="page-header-text">
          <h1>Undeliverable</h1>
          <p>
            Addresses that keep failing — permanent bounces, complaints, rejects and the rules you enabled.
            Stop mailing them, or allow one again when you know it is fixed.
          </p>
        </div>
        <Link className="btn" href={orgPath(slug, '/undeliverable/rules')}>
          <Icon name="settings" />
          Configure rules
        </Link>
      </div>
      {notice && (
        <div className="alert alert-success" role="status" style={{ marginBottom: 12 }}>
          <div>{notice}</div>
        </div>
      )}
      <div className="card" data-testid="undeliverable-list">
        <div className="filters undeliverable-filters">
          <div className="field">
            <label htmlFor={ids.search}>Search email</label>
            <input
              id={ids.search}
              className="input"
              type="search"
              placeholder="Part of an address, e.g. acme"
              value={input}
              onChange={(e) => setInput(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.status}>Status</label>
            <select
              id={ids.status}
              className="select"
              value={status}
              onChange={(e) => set({ status: e.target.value })}
            >
              {STATUS_FILTERS.map((value) => (
                <option key={value} value={value}>
                  {STATUS_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.reason}>Reason</label>
            <select
              id={ids.reason}
              className="select"
              value={reason}
              onChange={(e) => set({ reason: e.target.value })}
            >
              <option value="">All reasons</option>
              {REASONS.map((value) => (
                <option key={value} value={value}>
                  {REASON_LABELS[value]}
                </option>
              ))}
            </select>
          </div>
          <a className="btn" href={undeliverableApi.exportUrl(slug, query)} download>
            <Icon name="download" />
            Export CSV
          </a>
        </div>
        {list.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={list.error} onRetry={() => void list.reload()} />
          </div>
        ) : !list.items ? (
          <Loading label="Loading undeliverable addresses…" />
        ) : list.items.length === 0 ? (
          <EmptyState filtered={filtered} status={status} />
        ) : (
          <>
            <div className="table-wrap" style={{ opacity: list.loading ? 0.6 : 1 }}>
              <table className="table undeliverable-table">
                <thead>
                  <tr>
                    <th>Email</th>
                    <th>Status</th>
                    <th>Reason</th>
                    <th className="num hide-phone">Events</th>
                    <th className="hide-phone">Last change</th>
                    <th className="hide-phone">Last diagnostic</th>
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((row) => (
                    <tr key={row.address} data-testid={`undeliverable-${row.address}`}>
                      <td className="break">
                        <button
                          type="button"
                          className="link-button mono small"
                          title="Show the events behind this address"
                          onClick={() => setHistory(row.address)}
                        >
                          {row.address}
                        </button>
                        <div className="show-phone faint small">
                          {row.events.toLocaleString('en-US')} events ·{' '}
                          {formatDateTime(row.lastChange, timezone, true)}
                        </div>
                      </td>
                      <td>
                        <span
                          className={`badge ${row.status === 'listed' ? 'badge-danger' : 'badge-success'}`}
                        >
                          {row.status === 'listed' ? 'Listed' : 'Excluded'}
                        </span>
                      </td>
                      <td className="small">{row.reasonLabel ?? (row.reason ? row.reason : '—')}</td>
                      <td className="num hide-phone">{row.events.toLocaleString('en-US')}</td>
                      <td className="nowrap small hide-phone">
                        {formatDateTime(row.lastChange, timezone, true)}
                      </td>
                      <td
                        className="small hide-phone diagnostic-cell"
                        title={row.lastDiagnostic ?? undefined}
                      >
                        {row.status === 'excluded' && row.exclusion ? (
                          <>
                            {row.exclusion.note ? (
                              `“${row.exclusion.note}”`
                            ) : (
                              <span className="faint">No note</span>
                            )}
                            <div className="faint">
                              Allowed by {row.exclusion.actorName ?? 'a former member'}
                            </div>
                          </>
                        ) : (
                          row.lastDiagnostic || '—'
                        )}
                      </td>
                      <td className="nowrap">
                        {row.status === 'listed' ? (
                          <PermissionButton
                            allowed={canManage}
                            why={MANAGE_DENIED}
                            onClick={() => {
                              setNote('');
                              setAllowing(row);
                            }}
                          >
                            Allow
                          </PermissionButton>
                        ) : (
                          <PermissionButton
                            allowed={canManage}
                            why={MANAGE_DENIED}
                            onClick={() => setRelisting(row)}
                          >
                            Re-list
                          </PermissionButton>
                        )}
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

      {history && <HistoryPanel address={history} onClose={() => setHistory(null)} />}
      {allowing && (
        <ConfirmDialog
          title={`Allow ${allowing.address}?`}
          description="SendOps allows delivery to this address again from now on. A new bounce, complaint or reject puts it back on the list by itself."
          confirmLabel="Allow"
          confirmDisabled={note.length > NOTE_MAX}
          onClose={() => setAllowing(null)}
          onConfirm={async () => {
            await undeliverableApi.allow(slug, allowing.address, note.trim());
            setNotice(`${allowing.address} is allowed again. See it under Status: Excluded.`);
            setAllowing(null);
            setTick((value) => value + 1);
          }}
        >
          <div className="field">
            <label htmlFor={`${ids.search}-note`}>Note (optional)</label>
            <textarea
              id={`${ids.search}-note`}
              className="textarea"
              rows={3}
              placeholder="e.g. Customer fixed mailbox after IT migration"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={note.length > NOTE_MAX ? true : undefined}
            />
            <span className={note.length > NOTE_MAX ? 'field-error' : 'field-hint'}>
              {note.length > NOTE_MAX
                ? `Keep the note to ${NOTE_MAX} characters (${note.length} now).`
                : 'Recorded in the audit log with your name.'}
            </span>
          </div>
        </ConfirmDialog>
      )}
      {relisting && (
        <ConfirmDialog
          title={`Re-list ${relisting.address}?`}
          description="The clearing is removed; the address is listed again if qualifying events remain in your retention window."
          confirmLabel="Re-list"
          danger
          onClose={() => setRelisting(null)}
          onConfirm={async () => {
            await undeliverableApi.relist(slug, relisting.address);
            setNotice(`${relisting.address} is no longer excluded.`);
            setRelisting(null);
            setTick((value) => value + 1);
          }}
        />
      )}
    </>
  );
}

function EmptyState({ filtered, status }: { filtered: boolean; status: StatusFilter }) {
  if (filtered)
    return (
      <div className="empty" data-testid="undeliverable-empty">
        {status === 'excluded'
          ? 'No cleared address matches these filters. Addresses you allow appear here.'
          : 'No address matches these filters.'}
      </div>
    );
  return (
    <div className="empty undeliverable-empty" data-testid="undeliverable-empty">
      <h2>No undeliverable addresses</h2>
      <p>
        When a recipient hard-bounces, complains, is rejected, or keeps bouncing under the rules you enable,
        it appears here with the reason and the SMTP response, so you know whom to stop mailing. Nothing has
        qualified in your retention window yet.
      </p>
    </div>
  );
}
