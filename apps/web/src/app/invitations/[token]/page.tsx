'use client';

import Link from 'next/link';
import { useParams, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useRef, useState } from 'react';
import { AuthLayout } from '../../../components/auth-layout.tsx';
import { Alert, ErrorState, Loading, Spinner } from '../../../components/ui.tsx';
import { ApiError, errorMessage } from '../../../lib/api/client.ts';
import { invitationLinkApi, meApi } from '../../../lib/api/endpoints.ts';
import type { InvitationLink, Me } from '../../../lib/api/types.ts';
import { rememberOrganization } from '../../../lib/current-organization.ts';
import { formatDateTime, formatExpiry, roleLabel } from '../../../lib/format.ts';
import { orgPath } from '../../../lib/navigation.ts';

export default function InvitationPage() {
  return (
    <Suspense fallback={<Loading />}>
      <Invitation />
    </Suspense>
  );
}

interface Loaded {
  invitation: InvitationLink;
  me: Me | null;
}

async function load(token: string): Promise<Loaded> {
  const [invitation, me] = await Promise.all([
    invitationLinkApi.get(token),
    meApi.get({ redirectOn401: false }).catch((error) => {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }),
  ]);
  return { invitation, me };
}

function Invitation() {
  const { token } = useParams<{ token: string }>();
  const router = useRouter();
  const autoAccept = useSearchParams().get('accept') === '1';
  const [state, setState] = useState<{ data?: Loaded; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  const autoAccepted = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the load on "Try again"
  useEffect(() => {
    let cancelled = false;
    setState({});
    load(token).then(
      (data) => !cancelled && setState({ data }),
      (error) => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [token, attempt]);

  async function accept() {
    setBusy('accept');
    setActionError(null);
    try {
      const { organizationSlug } = await invitationLinkApi.accept(token);
      rememberOrganization(organizationSlug);
      router.replace(orgPath(organizationSlug));
    } catch (caught) {
      setActionError(errorMessage(caught));
      setBusy(null);
    }
  }

  async function decline() {
    setBusy('decline');
    setActionError(null);
    try {
      await invitationLinkApi.decline(token);
      setDeclined(true);
    } catch (caught) {
      setActionError(errorMessage(caught));
    }
    setBusy(null);
  }

  // Back from sign-in or sign-up with ?accept=1: the invitation is processed without another click.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once when the data arrives
  useEffect(() => {
    const data = state.data;
    if (autoAccept && !autoAccepted.current && data?.me && data.invitation.status === 'pending') {
      autoAccepted.current = true;
      void accept();
    }
  }, [state.data, autoAccept]);

  if (state.error) {
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return (
      <AuthLayout title={notFound ? 'Invitation not found' : 'Invitation'}>
        {notFound ? (
          <p className="muted" style={{ textAlign: 'center' }}>
            This invitation link is not valid. Ask the workspace Owner or an Org Admin to send a new one from
            System → Team.
          </p>
        ) : (
          <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
      </AuthLayout>
    );
  }
  if (!state.data)
    return (
      <AuthLayout title="Invitation">
        <Loading />
      </AuthLayout>
    );

  const { invitation, me } = state.data;
  const returnTo = `/invitations/${encodeURIComponent(token)}?accept=1`;
  const details = (
    <dl className="key-value" style={{ marginBottom: 20 }}>
      <dt>Organization</dt>
      <dd>
        <strong>{invitation.organizationName}</strong>
      </dd>
      <dt>Role</dt>
      <dd>
        <span className="badge badge-accent">{roleLabel(invitation.role)}</span>
      </dd>
      <dt>Invited by</dt>
      <dd>
        {invitation.invitedBy.name} <span className="muted">({invitation.invitedBy.email})</span>
      </dd>
      <dt>Sent to</dt>
      <dd>{invitation.email}</dd>
      <dt>Expires</dt>
      <dd>
        {formatDateTime(invitation.expiresAt)}{' '}
        <span className="muted">({formatExpiry(invitation.expiresAt)})</span>
      </dd>
    </dl>
  );

  if (declined || invitation.status === 'declined') {
    return (
      <AuthLayout
        title="Invitation declined"
        subtitle={`You declined the invitation to ${invitation.organizationName}.`}
      >
        <Link className="btn btn-block" href="/">
          Go to SendOps
        </Link>
      </AuthLayout>
    );
  }
  if (invitation.status !== 'pending') {
    const message = {
      expired:
        'This invitation has expired. Invitations are valid for 7 days — ask the workspace Owner or an Org Admin to send a new one from System → Team.',
      revoked:
        'This invitation was withdrawn by the workspace. Ask the Owner or an Org Admin if you still need access.',
      accepted: 'This invitation has already been accepted.',
    }[invitation.status];
    return (
      <AuthLayout
        title={
          invitation.status === 'expired'
            ? 'Invitation expired'
            : `Invitation to ${invitation.organizationName}`
        }
      >
        <Alert kind={invitation.status === 'accepted' ? 'info' : 'warning'}>{message}</Alert>
        <div style={{ marginTop: 16 }}>
          <Link className="btn btn-block" href="/">
            Go to SendOps
          </Link>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={`Join ${invitation.organizationName}`}
      subtitle={`${invitation.invitedBy.name} invited you to collaborate on SendOps.`}
    >
      {details}
      {me ? (
        <div className="stack" style={{ gap: 10 }}>
          {me.user.email.toLowerCase() !== invitation.email.toLowerCase() && (
            <Alert kind="info">
              You are signed in as {me.user.email}; this invitation was sent to {invitation.email}.
            </Alert>
          )}
          {actionError && <Alert kind="error">{actionError}</Alert>}
          <button
            type="button"
            className="btn btn-primary btn-block"
            onClick={accept}
            disabled={busy !== null}
          >
            {busy === 'accept' && <Spinner />}Accept invitation
          </button>
          <button type="button" className="btn btn-block" onClick={decline} disabled={busy !== null}>
            {busy === 'decline' && <Spinner />}Decline
          </button>
        </div>
      ) : (
        <div className="stack" style={{ gap: 10 }}>
          <p className="muted">Sign in or create an account to accept this invitation.</p>
          <Link className="btn btn-primary btn-block" href={`/sign-in?next=${encodeURIComponent(returnTo)}`}>
            Sign in to accept
          </Link>
          <Link className="btn btn-block" href={`/sign-up?next=${encodeURIComponent(returnTo)}`}>
            Create an account
          </Link>
        </div>
      )}
    </AuthLayout>
  );
}
