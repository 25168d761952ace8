'use client';

import { type FormEvent, useId, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { orgApi } from '../../lib/api/endpoints.ts';
import type { Role, TeamInvitation } from '../../lib/api/types.ts';
import { checkEmail } from '../../lib/validation.ts';
import { useOrganization } from '../organization-context.tsx';
import { Alert, FormDialog, TextField } from '../ui.tsx';
import { RoleSelect } from './role-select.tsx';

/** Sends an invitation email; the email is validated only after the first submit. */
export function InviteMemberDialog({
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
