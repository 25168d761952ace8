'use client';

import { useOrganization } from './organization-context.tsx';

export type AwsConnectionStatus = 'connected' | 'sandbox' | 'error' | 'not_connected';

const LOOK: Record<AwsConnectionStatus, { label: string; className: string }> = {
  connected: { label: 'AWS connected', className: 'badge badge-success' },
  sandbox: { label: 'AWS sandbox', className: 'badge badge-warning' },
  error: { label: 'AWS error', className: 'badge badge-danger' },
  not_connected: { label: 'AWS not connected', className: 'badge' },
};

export function AwsStatusBadge({ status }: { status: AwsConnectionStatus }) {
  const look = LOOK[status];
  return (
    <span className={look.className} data-testid="aws-status">
      <span className="dot" />
      {look.label}
    </span>
  );
}

/**
 * The header's place for the AWS connection status, for members who may see AWS (`aws.view`). This
 * build has no AWS connection endpoint yet, so it shows nothing rather than a guess; the AWS connection
 * feature passes its status here.
 */
export function AwsStatusSlot({ status }: { status?: AwsConnectionStatus }) {
  const membership = useOrganization();
  if (!status || !membership.permissions.includes('aws.view')) return null;
  return <AwsStatusBadge status={status} />;
}
