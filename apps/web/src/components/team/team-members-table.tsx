'use client';

import { useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { orgApi } from '../../lib/api/endpoints.ts';
import type { Member, TeamInvitation } from '../../lib/api/types.ts';
import { formatDate, formatExpiry, personLabel, roleLabel } from '../../lib/format.ts';
import { Icon } from '../icons.tsx';
import { useOrganization } from '../organization-context.tsx';
import { useSession } from '../session.tsx';
import { Alert, Avatar, ConfirmDialog, MenuItem, Popover, Spinner } from '../ui.tsx';
import { ChangeRoleDialog } from './change-role-dialog.tsx';

/** The row action awaiting confirmation in a dialog. */
type Pending =
  | { kind: 'role'; member: Member }
  | { kind: 'remove'; member: Member }
  | { kind: 'revoke'; invitation: TeamInvitation };

/** Members and open (pending or expired) invitations, with the row actions and their dialogs. */
export function TeamMembersTable({
  members,
  invitations,
  canManage,
  onChanged,
}: {
  members: Member[];
  invitations: TeamInvitation[];
  canManage: boolean;
  onChanged: (message: string) => void;
}) {
  const membership = useOrganization();
  const { me, timezone } = useSession();
  const [pending, setPending] = useState<Pending | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [resending, setResending] = useState<string | null>(null);
  const open = invitations.filter((i) => i.status === 'pending' || i.status === 'expired');

  return (
    <div className="card">
      {rowError && (
        <div style={{ padding: '12px 16px 0' }}>
          <Alert kind="error">{rowError}</Alert>
        </div>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="members-table">
          <thead>
            <tr>
              <th>Member</th>
              <th>Role</th>
              <th className="hide-phone">Joined</th>
              <th className="hide-phone">MFA</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const editable = canManage && member.role !== 'owner' && member.userId !== me.user.id;
              return (
                <tr key={member.userId} data-testid={`member-${member.email}`}>
                  <td>
                    <div className="person">
                      <Avatar name={member.name} />
                      <div style={{ minWidth: 0 }}>
                        <div className="person-name">
                          {member.name}
                          {member.userId === me.user.id && <span className="muted"> (you)</span>}
                        </div>
                        <div className="person-email">{member.email}</div>
                      </div>
                    </div>
                  </td>
                  <td>
                    {editable ? (
                      <button
                        type="button"
                        className="badge badge-accent"
                        title="Change role"
                        onClick={() => setPending({ kind: 'role', member })}
                      >
                        {roleLabel(member.role)} <Icon name="chevronDown" size={12} />
                      </button>
                    ) : (
                      <span className={member.role === 'owner' ? 'badge badge-accent' : 'badge'}>
                        {roleLabel(member.role)}
                      </span>
                    )}
                  </td>
                  <td className="hide-phone nowrap">{formatDate(member.joinedAt, timezone)}</td>
                  <td className="hide-phone">
                    {member.mfaEnabled ? (
                      <span className="badge badge-success">On</span>
                    ) : (
                      <span className="badge">Off</span>
                    )}
                  </td>
                  <td className="actions">
                    {editable && (
                      <Popover label={`Actions for ${member.name}`} button={<Icon name="more" />}>
                        {(close) => (
                          <MenuItem
                            close={close}
                            danger
                            onSelect={() => setPending({ kind: 'remove', member })}
                          >
                            Remove
                          </MenuItem>
                        )}
                      </Popover>
                    )}
                  </td>
                </tr>
              );
            })}
            {open.map((invitation) => (
              <tr key={invitation.id} data-testid={`invitation-${invitation.email}`}>
                <td>
                  <div className="person">
                    <Avatar name={invitation.email} />
                    <div style={{ minWidth: 0 }}>
                      <div className="person-name">{invitation.email}</div>
                      <div className="person-email">
                        Invited by {personLabel(invitation.invitedBy)} · expires{' '}
                        {formatExpiry(invitation.expiresAt)}
                      </div>
                    </div>
                  </div>
                </td>
                <td>
                  <span className="row" style={{ gap: 6 }}>
                    <span className="badge">{roleLabel(invitation.role)}</span>
                    {invitation.status === 'expired' ? (
                      <span className="badge badge-danger">Expired</span>
                    ) : (
                      <span className="badge badge-warning">Pending</span>
                    )}
                  </span>
                </td>
                <td className="hide-phone nowrap muted">
                  Invited {formatDate(invitation.createdAt, timezone)}
                </td>
                <td className="hide-phone" />
                <td className="actions">
                  {canManage && (
                    <span className="row" style={{ justifyContent: 'flex-end', gap: 6 }}>
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={resending === invitation.id}
                        onClick={async () => {
                          setResending(invitation.id);
                          setRowError(null);
                          try {
                            await orgApi.resendInvitation(membership.slug, invitation.id);
                            onChanged(
                              `Invitation to ${invitation.email} sent again; it is valid for 7 more days.`,
                            );
                          } catch (caught) {
                            setRowError(errorMessage(caught));
                          }
                          setResending(null);
                        }}
                      >
                        {resending === invitation.id && <Spinner />}Resend
                      </button>
                      <button
                        type="button"
                        className="btn btn-sm"
                        onClick={() => setPending({ kind: 'revoke', invitation })}
                      >
                        Revoke
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pending?.kind === 'role' && (
        <ChangeRoleDialog
          member={pending.member}
          onClose={() => setPending(null)}
          onChanged={(role) => {
            setPending(null);
            onChanged(`${pending.member.name} is now ${roleLabel(role)}.`);
          }}
        />
      )}
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove ${pending.member.name}?`}
          description={`${pending.member.email} loses access to ${membership.name} immediately. Their past actions stay in the audit log.`}
          confirmLabel="Remove"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await orgApi.removeMember(membership.slug, pending.member.userId);
            setPending(null);
            onChanged(`${pending.member.name} was removed.`);
          }}
        />
      )}
      {pending?.kind === 'revoke' && (
        <ConfirmDialog
          title="Revoke this invitation?"
          description={`The link sent to ${pending.invitation.email} stops working.`}
          confirmLabel="Revoke"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await orgApi.revokeInvitation(membership.slug, pending.invitation.id);
            setPending(null);
            onChanged(`Invitation to ${pending.invitation.email} revoked.`);
          }}
        />
      )}
    </div>
  );
}
