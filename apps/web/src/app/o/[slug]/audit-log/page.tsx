'use client';

import { Fragment, useEffect, useId, useState } from 'react';
import { Icon } from '../../../../components/icons.tsx';
import { RequirePermission, useOrganization } from '../../../../components/organization-context.tsx';
import { useSession } from '../../../../components/session.tsx';
import { ErrorState, Loading, Spinner } from '../../../../components/ui.tsx';
import { errorMessage } from '../../../../lib/api/client.ts';
import { orgApi } from '../../../../lib/api/endpoints.ts';
import type { AuditEntry } from '../../../../lib/api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { useResource } from '../../../../lib/use-resource.ts';

const PAGE_SIZE = 50;

// Filter choices (spec: audit-log "Searching and filtering"); values seen in the loaded rows are added,
// so a resource type or operation the API writes later is still selectable.
const RESOURCE_TYPES = [
  'team',
  'invitation',
  'ownership_transfer',
  'settings',
  'api_key',
  'domain',
  'channel',
  'template',
  'billing',
  'aws_connection',
];
const OPERATIONS = [
  'created',
  'updated',
  'deleted',
  'revoked',
  'accepted',
  'declined',
  'expired',
  'initiated',
  'cancelled',
];

export default function AuditLogPage() {
  return (
    <RequirePermission anyOf={['audit.view']}>
      <AuditLog />
    </RequirePermission>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const LABELS: Record<string, string> = {
  api_key: 'API key',
  aws_connection: 'AWS connection',
  ownership_transfer: 'Ownership transfer',
  member_left: 'Member left',
};

function humanize(value: string): string {
  if (LABELS[value]) return LABELS[value];
  const text = value.replace(/[_.]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function AuditLog() {
  const membership = useOrganization();
  const { timezone } = useSession();
  const ids = { resource: useId(), operation: useId(), actor: useId() };
  const [resourceType, setResourceType] = useState('');
  const [operation, setOperation] = useState('');
  const [actorInput, setActorInput] = useState('');
  const actor = useDebounced(actorInput.trim(), 300);
  // Cursors of the pages before the current one, for "Previous".
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [expanded, setExpanded] = useState<string | null>(null);
  const [seen, setSeen] = useState<{ resourceTypes: Set<string>; operations: Set<string> }>({
    resourceTypes: new Set(),
    operations: new Set(),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a filter change starts again at page one
  useEffect(() => setCursors([undefined]), [resourceType, operation, actor]);

  const page = useResource(
    () => orgApi.auditLog(membership.slug, { resourceType, operation, actor, cursor, limit: PAGE_SIZE }),
    [membership.slug, resourceType, operation, actor, cursor],
  );

  useEffect(() => {
    if (!page.data) return;
    setSeen((previous) => {
      const resourceTypes = new Set(previous.resourceTypes);
      const operations = new Set(previous.operations);
      for (const item of page.data?.items ?? []) {
        resourceTypes.add(item.resourceType);
        operations.add(item.operation);
      }
      return { resourceTypes, operations };
    });
  }, [page.data]);

  const resourceOptions = [...new Set([...RESOURCE_TYPES, ...seen.resourceTypes])].sort();
  const operationOptions = [...new Set([...OPERATIONS, ...seen.operations])].sort();
  const filtered = Boolean(resourceType || operation || actor);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit Log</h1>
          <p>
            Every change in {membership.name}: who did what, and when.
            {page.data && ` Your plan keeps ${page.data.retentionDays} days of history.`}
          </p>
        </div>
        <ChainStatus />
      </div>
      <div className="card">
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.resource}>Resource type</label>
            <select
              id={ids.resource}
              className="select"
              value={resourceType}
              onChange={(e) => setResourceType(e.target.value)}
            >
              <option value="">All resources</option>
              {resourceOptions.map((value) => (
                <option key={value} value={value}>
                  {humanize(value)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.operation}>Operation</label>
            <select
              id={ids.operation}
              className="select"
              value={operation}
              onChange={(e) => setOperation(e.target.value)}
            >
              <option value="">All operations</option>
              {operationOptions.map((value) => (
                <option key={value} value={value}>
                  {humanize(value)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.actor}>Actor</label>
            <input
              id={ids.actor}
              className="input"
              type="search"
              placeholder="Name or email"
              value={actorInput}
              onChange={(e) => setActorInput(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="btn"
            disabled={!filtered && !actorInput}
            onClick={() => {
              setResourceType('');
              setOperation('');
              setActorInput('');
            }}
          >
            Clear
          </button>
        </div>
        {page.error ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={page.error} onRetry={() => void page.reload()} />
          </div>
        ) : !page.data ? (
          <Loading label="Loading audit log…" />
        ) : page.data.items.length === 0 ? (
          <div className="empty">
            {filtered
              ? 'No entries match these filters.'
              : 'No activity recorded yet in this retention period.'}
          </div>
        ) : (
          <div className="table-wrap" style={{ opacity: page.loading ? 0.6 : 1 }}>
            <table className="table" data-testid="audit-table">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Actor</th>
                  <th>Resource</th>
                  <th>Operation</th>
                  <th>Summary</th>
                  <th>
                    <span className="sr-only">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((entry) => (
                  <Fragment key={entry.id}>
                    <tr
                      className="clickable"
                      onClick={() => setExpanded(expanded === entry.id ? null : entry.id)}
                      aria-expanded={expanded === entry.id}
                    >
                      <td className="nowrap">{formatDateTime(entry.occurredAt, timezone, true)}</td>
                      <td>
                        {entry.actor ? (
                          <>
                            <div className="person-name">{entry.actor.name}</div>
                            <div className="person-email">{entry.actor.email}</div>
                          </>
                        ) : (
                          <span className="muted">System</span>
                        )}
                      </td>
                      <td>
                        <div>{humanize(entry.resourceType)}</div>
                        {entry.resourceId && (
                          <div className="faint mono small" title={entry.resourceId}>
                            {entry.resourceId.length > 12
                              ? `${entry.resourceId.slice(0, 8)}…`
                              : entry.resourceId}
                          </div>
                        )}
                      </td>
                      <td>
                        <span className="badge">{humanize(entry.operation)}</span>
                      </td>
                      <td>{entry.summary}</td>
                      <td className="actions">
                        <Icon name={expanded === entry.id ? 'chevronDown' : 'chevronRight'} />
                      </td>
                    </tr>
                    {expanded === entry.id && (
                      <tr>
                        <td colSpan={6} style={{ background: 'var(--surface-2)' }}>
                          <EntryDetails entry={entry} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.data && (cursors.length > 1 || page.data.nextCursor) && (
          <div className="pagination">
            <button
              type="button"
              className="btn btn-sm"
              disabled={cursors.length <= 1 || page.loading}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              ← Newer
            </button>
            <span className="muted small">Page {cursors.length}</span>
            <button
              type="button"
              className="btn btn-sm"
              disabled={!page.data.nextCursor || page.loading}
              onClick={() => {
                const next = page.data?.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            >
              Older →
            </button>
          </div>
        )}
      </div>
    </>
  );
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const show = (value: unknown) =>
    value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
  return (
    <div className="stack" style={{ gap: 10, padding: '4px 0' }} data-testid="audit-details">
      <div className="row small muted">
        <span>Entry #{entry.sequence}</span>
        {entry.note && <span>· Note: {entry.note}</span>}
      </div>
      <div className="diff">
        <div>
          <div className="label" style={{ marginBottom: 4 }}>
            Before
          </div>
          <pre className="json">{show(entry.before)}</pre>
        </div>
        <div>
          <div className="label" style={{ marginBottom: 4 }}>
            After
          </div>
          <pre className="json">{show(entry.after)}</pre>
        </div>
      </div>
    </div>
  );
}

/** Result of the hash-chain verifier: intact, or the first sequence number where it breaks. */
function ChainStatus() {
  const membership = useOrganization();
  const verification = useResource(() => orgApi.verifyAuditLog(membership.slug), [membership.slug]);
  if (verification.loading && !verification.data) {
    return (
      <span className="status-badge">
        <Spinner label="Verifying" /> Verifying integrity…
      </span>
    );
  }
  if (verification.error) {
    return (
      <span className="status-badge" title={errorMessage(verification.error)} data-testid="chain-status">
        <span className="dot" style={{ color: 'var(--warning)' }} /> Integrity check unavailable
      </span>
    );
  }
  const result = verification.data!;
  return result.ok ? (
    <span className="status-badge" data-testid="chain-status">
      <span className="dot" style={{ color: 'var(--success)' }} /> Chain verified · {result.checked} entries
    </span>
  ) : (
    <span className="status-badge" style={{ color: 'var(--danger)' }} data-testid="chain-status">
      <span className="dot" /> Chain broken at entry #{result.firstBrokenSequence}
    </span>
  );
}
