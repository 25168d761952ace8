'use client';

import { useEffect } from 'react';
import { REASON_LABELS, type Reason, undeliverableApi } from '../../lib/api/undeliverable.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useOrganization } from '../organization-context.tsx';
import { useSession } from '../session.tsx';
import { ErrorState, Loading } from '../ui.tsx';

/** The bounces, complaints and rejects behind an address, newest first, and which rules each feeds. */
export function HistoryPanel({ address, onClose }: { address: string; onClose: () => void }) {
  const { slug } = useOrganization();
  const { timezone } = useSession();
  const history = useResource(() => undeliverableApi.history(slug, address), [slug, address]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes the panel; Escape does too
    <div
      className="side-panel-backdrop"
      role="presentation"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <aside
        className="side-panel"
        role="dialog"
        aria-modal="true"
        aria-label="Event history"
        data-testid="undeliverable-history"
      >
        <div className="side-panel-header">
          <h2 className="break">{address}</h2>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="side-panel-body stack">
          <p className="muted small">
            The bounces, complaints and rejects for this address in your retention window, newest first. A
            rule badge means the event counts toward that rule now.
          </p>
          {history.error ? (
            <ErrorState error={history.error} onRetry={() => void history.reload()} />
          ) : !history.data ? (
            <Loading label="Loading event history…" />
          ) : history.data.items.length === 0 ? (
            <div className="empty">
              No bounce, complaint or reject for this address in the retention window.
            </div>
          ) : (
            <ol className="timeline">
              {history.data.items.map((event) => (
                <li key={event.eventId} className="timeline-item" data-type={event.eventType}>
                  <div className="timeline-head">
                    <strong>{event.eventType}</strong>
                    {event.detail && <span className="small">{event.detail}</span>}
                    {event.dsnStatus && <span className="mono small">{event.dsnStatus}</span>}
                    <span className="faint small">{formatDateTime(event.time, timezone, true)}</span>
                  </div>
                  {event.countsToward.length > 0 && (
                    <div className="row small" style={{ gap: 4, flexWrap: 'wrap', marginTop: 4 }}>
                      {event.countsToward.map((rule) => (
                        <span key={rule} className="badge badge-accent">
                          {REASON_LABELS[rule as Reason] ?? rule}
                        </span>
                      ))}
                    </div>
                  )}
                  {event.diagnostic && <div className="small muted break">{event.diagnostic}</div>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </aside>
    </div>
  );
}
