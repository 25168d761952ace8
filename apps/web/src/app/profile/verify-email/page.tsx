'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useRef, useState } from 'react';
import { AuthLayout } from '../../../components/auth-layout.tsx';
import { Alert, Loading } from '../../../components/ui.tsx';
import { ApiError, errorMessage, signInUrl } from '../../../lib/api/client.ts';
import { meApi } from '../../../lib/api/endpoints.ts';

/** Target of the email-change verification link: `/profile/verify-email?token=...`. */
export default function VerifyEmailPage() {
  return (
    <Suspense fallback={<Loading />}>
      <VerifyEmail />
    </Suspense>
  );
}

function VerifyEmail() {
  const token = useSearchParams().get('token') ?? '';
  const [state, setState] = useState<{
    status: 'working' | 'done' | 'failed';
    message?: string;
    email?: string;
  }>({ status: 'working' });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!token) {
      setState({
        status: 'failed',
        message: 'This verification link is incomplete. Open the link from the email again.',
      });
      return;
    }
    // A signed-out visitor is sent to sign-in by the API client and comes back here.
    meApi.verifyEmail(token).then(
      ({ user }) => setState({ status: 'done', email: user.email }),
      (error) => {
        if (error instanceof ApiError && error.status === 401) return;
        setState({ status: 'failed', message: errorMessage(error) });
      },
    );
  }, [token]);

  return (
    <AuthLayout title="Verify your email">
      {state.status === 'working' && <Loading label="Verifying…" />}
      {state.status === 'done' && <Alert kind="success">Your email address is now {state.email}.</Alert>}
      {state.status === 'failed' && <Alert kind="error">{state.message}</Alert>}
      {state.status !== 'working' && (
        <div style={{ marginTop: 16 }}>
          <Link className="btn btn-block" href="/">
            Go to SendOps
          </Link>
        </div>
      )}
      {state.status === 'failed' && (
        <p className="muted small" style={{ marginTop: 10, textAlign: 'center' }}>
          Signed in with another account? <a href={signInUrl()}>Sign in again</a>
        </p>
      )}
    </AuthLayout>
  );
}
