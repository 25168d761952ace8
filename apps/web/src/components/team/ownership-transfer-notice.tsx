'use client';

import { useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { orgApi } from '../../lib/api/endpoints.ts';
import { formatDateTime, formatExpiry } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useOrganization } from '../organization-context.tsx';
import { useSession } from '../session.tsx';
import { Alert, ConfirmDialog } from '../ui.tsx';

/** The Owner's view of a pending transfer: target, expiry, Cancel Transfer (spec: members-and-roles). */
export function OwnershipTransferNotice() {
  const membership = useOrganization();
  const { timezone } = useSession();
  const transfer = useResource(() => orgApi.ownershipTransfer(membership.slug), [membership.slug]);
  const [cancelling, setCancelling] = useState(false);
  if (membership.role !== 'owner') return null;
  if (transfer.error) {
    return (
      <div style={{ marginBottom: 16 }}>
        <Alert kind="error">
          Could not check for a pending ownership transfer: {errorMessage(transfer.error)}
        </Alert>
      </div>
    );
  }
  const pending = transfer.data?.transfer;
  if (!pending) return null;
  return (
    <div className="card" style={{ marginBottom: 16 }} data-testid="ownership-transfer-pending">
      <div className="card-body spread">
        <div>
          <h3>Ownership transfer pending</h3>
          <p className="muted">
            Waiting for <strong>{pending.to.name}</strong> ({pending.to.email}) to accept. Expires{' '}
            {formatDateTime(pending.expiresAt, timezone)} ({formatExpiry(pending.expiresAt)}).
          </p>
        </div>
        <button type="button" className="btn" onClick={() => setCancelling(true)}>
          Cancel Transfer
        </button>
      </div>
      {cancelling && (
        <ConfirmDialog
          title="Cancel the ownership transfer?"
          description={`${pending.to.name} will no longer be able to accept it. You stay the Owner.`}
          confirmLabel="Cancel Transfer"
          danger
          onClose={() => setCancelling(false)}
          onConfirm={async () => {
            await orgApi.cancelOwnershipTransfer(membership.slug);
            setCancelling(false);
            await transfer.reload();
          }}
        />
      )}
    </div>
  );
}
