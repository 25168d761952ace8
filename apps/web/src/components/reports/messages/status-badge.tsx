import type { MessageStatus } from '../../../lib/api/reports-messages.ts';

const KIND: Record<MessageStatus, string> = {
  complained: 'badge-danger',
  bounced: 'badge-danger',
  rejected: 'badge-danger',
  failed: 'badge-danger',
  clicked: 'badge-success',
  opened: 'badge-success',
  delivered: 'badge-accent',
  delayed: 'badge-warning',
  sent: '',
};

export function StatusBadge({ status }: { status: MessageStatus | null }) {
  if (!status) return <span className="badge">—</span>;
  return (
    <span className={`badge ${KIND[status]}`} data-status={status}>
      {status}
    </span>
  );
}

/** The precedence, as the info tooltip says it (docs/dashboard-api.md). */
export const STATUS_PRECEDENCE_NOTE =
  'Status is the highest of all this recipient’s events, including events after the range: complained > bounced > rejected > failed (rendering) > clicked > opened > delivered > delayed > sent.';

export function InfoTip({ text }: { text: string }) {
  return (
    <span className="info-tip" title={text} role="img" aria-label={text}>
      i
    </span>
  );
}
