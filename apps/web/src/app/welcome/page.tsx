'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { AuthLayout } from '../../components/auth-layout.tsx';
import { InvitationsSection } from '../../components/profile/invitations-section.tsx';
import { SessionProvider, useSession } from '../../components/session.tsx';
import { Alert, Spinner, TextField } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/api/client.ts';
import { authApi, orgApi } from '../../lib/api/endpoints.ts';
import { orgPath } from '../../lib/navigation.ts';
import { checkOrganizationName, MAX_ORG_NAME } from '../../lib/validation.ts';

/** For a signed-in user who belongs to no organization (e.g. after deleting their last workspace). */
export default function WelcomePage() {
  return (
    <SessionProvider>
      <Welcome />
    </SessionProvider>
  );
}

function Welcome() {
  const router = useRouter();
  const { me, reload } = useSession();
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameError = checkOrganizationName(name);

  useEffect(() => {
    if (me.organizations.length > 0) router.replace('/');
  }, [me.organizations.length, router]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (nameError) return;
    setBusy(true);
    setError(null);
    try {
      const { organization } = await orgApi.create(name.trim());
      await reload();
      router.replace(orgPath(organization.slug));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title={`Welcome, ${me.user.name}`}
      subtitle="You are not a member of any organization. Create a workspace, or accept an invitation."
      footer={
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={async () => {
            await authApi.signOut().catch(() => undefined);
            window.location.assign('/sign-in');
          }}
        >
          Sign out
        </button>
      }
    >
      <form onSubmit={submit} noValidate>
        <TextField
          label="Workspace name"
          value={name}
          onChange={setName}
          error={submitted ? nameError : null}
          maxLength={MAX_ORG_NAME}
          placeholder="Acme Inc."
          name="workspace-name"
        />
        {error && <Alert kind="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} style={{ marginTop: 8 }}>
          {busy && <Spinner />}Create workspace
        </button>
      </form>
      {me.invitations.length > 0 && (
        <div style={{ marginTop: 20 }}>
          <InvitationsSection />
        </div>
      )}
    </AuthLayout>
  );
}
