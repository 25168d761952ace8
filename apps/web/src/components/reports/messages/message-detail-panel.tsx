'use client';

import { useEffect } from 'react';
import {
  type MessageDetail,
  reportsMessagesApi,
  type TimelineEvent,
} from '../../../lib/api/reports-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { useOrganization } from '../../organization-context.tsx';
import { useSession } from '../../session.tsx';
import { ErrorState, Loading } from '../../ui.tsx';
import { InfoTip, STATUS_PRECEDENCE_NOTE, StatusBadge } from './status-badge.tsx';

const FLAG_LABELS: Record<string, string> = {
  privacy_proxy: 'Privacy proxy',
  image_proxy: 'Image proxy',
  bot: 'Bot-like',
};

const FLAGS_NOTE =
  'Privacy proxy: an open with the bare user agent “Mozilla/5.0” (Apple Mail Privacy Protection prefetch, not necessarily a read). Image proxy: an open through Gmail’s or Yahoo’s image proxy (a real open; the agent is the proxy’s). Bot-like: a crawler/scanner user agent, or a click less than 30 s after delivery (link scanners).';

/** The message detail side panel: timeline, delivery, bounce/complaint, engagement, headers, raw JSON. */
export function MessageDetailPanel({
  messageId,
  recipient,
  onClose,
  onRecipient,
}: {
  messageId: string;
  recipient: string;
  onClose: () => void;
  onRecipient: (recipient: string) => void;
}) {
  const { slug } = useOrganization();
  const detail = useResource(
    () => reportsMessagesApi.message(slug, messageId, recipient),
    [slug, messageId, recipient],
  );
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
        aria-label="Message detail"
        data-testid="message-detail"
      >
        <div className="side-panel-header">
          <h2>Message</h2>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="side-panel-body">
          {detail.error ? (
            <ErrorState error={detail.error} onRetry={() => void detail.reload()} />
          ) : !detail.data ? (
            <Loading label="Loading message…" />
          ) : (
            <DetailBody detail={detail.data} onRecipient={onRecipient} />
          )}
        </div>
      </aside>
    </div>
  );
}

function DetailBody({ detail, onRecipient }: { detail: MessageDetail; onRecipient: (r: string) => void }) {
  const { timezone } = useSession();
  return (
    <div className="stack message-detail">
      <dl className="detail-grid">
        <dt>
          Status <InfoTip text={STATUS_PRECEDENCE_NOTE} />
        </dt>
        <dd>
          <StatusBadge status={detail.status} />
        </dd>
        <dt>Recipient</dt>
        <dd>
          {detail.recipients.length > 1 ? (
            <select
              className="select"
              aria-label="Recipient"
              value={detail.recipient}
              onChange={(e) => onRecipient(e.target.value)}
            >
              {detail.recipients.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          ) : (
            <span className="mono">{detail.recipient}</span>
          )}
        </dd>
        <dt>Subject</dt>
        <dd>{detail.subject || <span className="muted">(none)</span>}</dd>
        <dt>From</dt>
        <dd className="mono">{detail.from}</dd>
        <dt>Sent</dt>
        <dd>{formatDateTime(detail.sentAt, timezone, true)}</dd>
        <dt>Delivery time</dt>
        <dd>
          {detail.deliveryProcessingMs === null
            ? '—'
            : `${(detail.deliveryProcessingMs / 1000).toFixed(1)} s`}
        </dd>
        <dt>Template</dt>
        <dd>{detail.template || '—'}</dd>
        <dt>Configuration set</dt>
        <dd className="mono">{detail.configurationSet || '—'}</dd>
        <dt>Message ID</dt>
        <dd className="mono small break">{detail.messageId}</dd>
      </dl>

      {detail.bounce && (
        <section className="detail-section" aria-label="Bounce">
          <h3>Bounce</h3>
          <p>
            {detail.bounce.type} / {detail.bounce.subType}{' '}
            {detail.bounce.dsnStatus && `· ${detail.bounce.dsnStatus}`}
          </p>
          {detail.bounce.diagnosticCode && <pre className="code-block">{detail.bounce.diagnosticCode}</pre>}
        </section>
      )}
      {detail.complaint && (
        <section className="detail-section" aria-label="Complaint">
          <h3>Complaint</h3>
          <p>
            {detail.complaint.feedbackType || 'no feedback type'}
            {detail.complaint.subType && ` · ${detail.complaint.subType}`}
          </p>
          {detail.complaint.userAgent && (
            <p className="muted small">Reported via {detail.complaint.userAgent}</p>
          )}
        </section>
      )}

      <section className="detail-section" aria-label="Engagement">
        <h3>
          Engagement <InfoTip text={FLAGS_NOTE} />
        </h3>
        <p>
          {detail.opens.total} open{detail.opens.total === 1 ? '' : 's'} ({detail.opens.flagged} flagged) ·{' '}
          {detail.clicks.total} click{detail.clicks.total === 1 ? '' : 's'} ({detail.clicks.flagged} flagged)
        </p>
        {detail.clicks.links.length > 0 && (
          <ul className="plain-list">
            {detail.clicks.links.map((l) => (
              <li key={l.link} className="small break">
                <span className="mono">{l.link}</span> · {l.clicks}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="detail-section" aria-label="Timeline">
        <h3>Timeline</h3>
        <ol className="timeline" data-testid="message-timeline">
          {detail.timeline.map((event) => (
            <TimelineItem key={event.eventId} event={event} />
          ))}
        </ol>
      </section>

      <section className="detail-section" aria-label="Headers">
        <h3>Headers</h3>
        {detail.headers.length === 0 ? (
          <p className="muted">SES sent no headers with these events.</p>
        ) : (
          <dl className="detail-grid small">
            {detail.headers.map((h) => (
              <HeaderRow key={`${h.name}: ${h.value}`} name={h.name} value={h.value} />
            ))}
          </dl>
        )}
        <h3>Tags</h3>
        <dl className="detail-grid small">
          {Object.entries(detail.tags).map(([name, values]) => (
            <HeaderRow key={name} name={name} value={values.join(', ')} />
          ))}
        </dl>
      </section>
    </div>
  );
}

function HeaderRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt className="mono">{name}</dt>
      <dd className="break">{value}</dd>
    </>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  const { timezone } = useSession();
  const facts = [
    event.processingTimeMs !== null ? `${event.processingTimeMs} ms` : '',
    event.smtpResponse,
    event.bounceType && `${event.bounceType}/${event.bounceSubType}`,
    event.diagnosticCode,
    event.complaintFeedbackType,
    event.delayType,
    event.rejectReason,
    event.renderingError,
    event.link,
    event.userAgent,
    event.ipAddress,
  ].filter((f) => f);
  return (
    <li className="timeline-item" data-type={event.type}>
      <div className="timeline-head">
        <strong>{event.type}</strong>
        <span className="muted small">{formatDateTime(event.at, timezone, true)}</span>
        {event.flags.map((flag) => (
          <span key={flag} className="badge badge-warning">
            {FLAG_LABELS[flag] ?? flag}
          </span>
        ))}
      </div>
      {facts.length > 0 && <div className="small break muted">{facts.join(' · ')}</div>}
      <details>
        <summary className="small">Raw event JSON</summary>
        <pre className="code-block">{JSON.stringify(event.raw, null, 2)}</pre>
      </details>
    </li>
  );
}
