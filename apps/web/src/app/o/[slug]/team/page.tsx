'use client';

import { type FormEvent, useId, useState } from 'react';
import { Icon } from '../../../../components/icons.tsx';
import { RequirePermission, useCan, useOrganization } from '../../../../components/organization-context.tsx';
import { useSession } from '../../../../components/session.tsx';
import {
  Alert,
  Avatar,
  ConfirmDialog,
  ErrorState,
  FormDialog,
  Loading,
  Popover,
  Spinner,
  TextField,
} from '../../../../components/ui.tsx';
import { errorMessage } from '../../../../lib/api/client.ts';
import { orgApi } from '../../../../lib/api/endpoints.ts';
import { ASSIGNABLE_ROLES, type Member, type Role, type TeamInvitation } from '../../../../lib/api/types.ts';
import { formatDate, formatDateTime, formatExpiry, personLabel, roleLabel } from '../../../../lib/format.ts';
import { useResource } from '../../../../lib/use-resource.ts';
import { checkEmail } from '../../../../lib/validation.ts';

export default function TeamPage() {
  return (
    <RequirePermission anyOf={['team.view']}>
      <Team />
    </RequirePermission>
  );
}

function Team() {
  const membership = useOrganization();
  const canManage = useCan('team.manage');
  const team = useResource(() => orgApi.team(membership.slug), [membership.slug]);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Team</h1>
          <p>People in {membership.name} and what each may do.</p>
        </div>
        {canManage && (
          <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
            <Icon name="plus" /> Invite Member
          </button>
        )}
      </div>
      <OwnershipTransferNotice />
      {notice && (
        <div style={{ marginBottom: 16 }}>
          <Alert kind="success">{notice}</Alert>
        </div>
      )}
      {team.error && !team.data ? (
        <ErrorState error={team.error} onRetry={() => void team.reload()} />
      ) : !team.data ? (
        <div className="card">
          <Loading label="Loading members…" />
        </div>
      ) : (
        <MemberTable
          members={team.data.members}
          invitations={team.data.invitations}
          canManage={canManage}
          onChanged={(message) => {
            setNotice(message);
            void team.reload();
          }}
        />
      )}
      {inviting && (
        <InviteDialog
          onClose={() => setInviting(false)}
          onInvited={(invitation) => {
            setInviting(false);
            setNotice(`Invitation sent to ${invitation.email}.`);
            void team.reload();
          }}
        />
      )}
    </>
  );
}

/** The Owner's view of a pending transfer: target, expiry, Cancel Transfer (spec: members-and-roles). */
function OwnershipTransferNotice() {
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

type Pending =
  | { kind: 'role'; member: Member }
  | { kind: 'remove'; member: Member }
  | { kind: 'revoke'; invitation: TeamInvitation };

function MemberTable({
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
                          <button
                            type="button"
                            role="menuitem"
                            className="menu-item menu-item-danger"
                            onClick={() => {
                              close();
                              setPending({ kind: 'remove', member });
                            }}
                          >
                            Remove
                          </button>
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

function RoleSelect({ value, onChange, id }: { value: Role; onChange: (role: Role) => void; id: string }) {
  return (
    <select
      id={id}
      className="select"
      value={value}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ASSIGNABLE_ROLES.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </select>
  );
}

function ChangeRoleDialog({
  member,
  onClose,
  onChanged,
}: {
  member: Member;
  onClose: () => void;
  onChanged: (role: Role) => void;
}) {
  const membership = useOrganization();
  const id = useId();
  const [role, setRole] = useState<Role>(member.role);
  return (
    <ConfirmDialog
      title={`Change ${member.name}'s role`}
      description="The change takes effect immediately."
      confirmLabel="Change role"
      confirmDisabled={role === member.role}
      onClose={onClose}
      onConfirm={async () => {
        await orgApi.changeRole(membership.slug, member.userId, role);
        onChanged(role);
      }}
    >
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor={id}>Role</label>
        <RoleSelect id={id} value={role} onChange={setRole} />
        <span className="field-hint">
          {roleLabel(member.role)} → {roleLabel(role)}
        </span>
      </div>
    </ConfirmDialog>
  );
}

function InviteDialog({
  onClose,
  onInvited,
}: {
  onClose: () => void;
  onInvited: (invitation: TeamInvitation) => void;
}) {
  const membership = useOrganization();
  const roleId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const emailError = checkEmail(email);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    if (emailError) return;
    setBusy(true);
    setError(null);
    try {
      const { invitation } = await orgApi.invite(membership.slug, { email: email.trim(), role });
      onInvited(invitation);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title="Invite Member"
      description={`They receive an email with a link to join ${membership.name}. The invitation is valid for 7 days.`}
      formId="invite-member"
      submitLabel="Send Invite"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Email address"
        type="email"
        value={email}
        onChange={setEmail}
        error={submitted ? emailError : null}
        autoFocus
        placeholder="teammate@example.com"
        name="invite-email"
      />
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <RoleSelect id={roleId} value={role} onChange={setRole} />
      </div>
      {error && <Alert kind="error">{error}</Alert>}
    </FormDialog>
  );
}
