'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { meApi } from '../../lib/api/endpoints.ts';
import { rememberOrganization } from '../../lib/current-organization.ts';
import { formatDateTime, formatExpiry, roleLabel } from '../../lib/format.ts';
import { orgPath } from '../../lib/navigation.ts';
import { useSession } from '../session.tsx';
import { Alert, Spinner } from '../ui.tsx';

/** Invitations to other organizations, each with Accept / Decline (spec: account-settings). */
export function InvitationsSection() {
  const router = useRouter();
  const { me, timezone, reload } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(id: string, kind: 'accept' | 'decline') {
    setBusy(`${id}:${kind}`);
    setError(null);
    try {
      if (kind === 'accept') {
        const { organizationSlug } = await meApi.acceptInvitation(id);
        await reload();
        rememberOrganization(organizationSlug);
        router.push(orgPath(organizationSlug));
      } else {
        await meApi.declineInvitation(id);
        await reload();
      }
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(null);
  }

  return (
    <section className="card" id="invitations">
      <div className="card-header">
        <h2>Pending invitations</h2>
        {me.invitations.length > 0 && <span className="badge badge-accent">{me.invitations.length}</span>}
      </div>
      {me.invitations.length === 0 ? (
        <div className="empty">No pending invitations.</div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {me.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>
                    <div className="person-name">{invitation.organizationName}</div>
                    <div className="person-email">
                      {roleLabel(invitation.role)}
                      {invitation.invitedBy && ` · invited by ${invitation.invitedBy.name}`} · expires{' '}
                      <span title={formatDateTime(invitation.expiresAt, timezone)}>
                        {formatExpiry(invitation.expiresAt)}
                      </span>
                    </div>
                  </td>
                  <td className="actions">
                    <span className="row" style={{ justifyContent: 'flex-end', gap: 6 }}>
                      <button
                        type="button"
                        className="btn btn-primary btn-sm"
                        disabled={busy !== null}
                        onClick={() => act(invitation.id, 'accept')}
                      >
                        {busy === `${invitation.id}:accept` && <Spinner />}Accept
                      </button>
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={busy !== null}
                        onClick={() => act(invitation.id, 'decline')}
                      >
                        {busy === `${invitation.id}:decline` && <Spinner />}Decline
                      </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && (
        <div style={{ padding: '0 16px 16px' }}>
          <Alert kind="error">{error}</Alert>
        </div>
      )}
    </section>
  );
}
