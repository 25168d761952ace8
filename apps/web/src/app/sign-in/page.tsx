'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useState } from 'react';
import { AuthLayout } from '../../components/auth-layout.tsx';
import { OAuthButtons } from '../../components/oauth-buttons.tsx';
import { Alert, Loading, Spinner, TextField } from '../../components/ui.tsx';
import { ApiError, errorMessage } from '../../lib/api/client.ts';
import { authApi } from '../../lib/api/endpoints.ts';
import type { MfaMethod } from '../../lib/api/types.ts';
import { safeNext } from '../../lib/safe-next.ts';
import { checkEmail, checkOtp, checkRecoveryCode } from '../../lib/validation.ts';

export default function SignInPage() {
  return (
    <Suspense fallback={<Loading />}>
      <SignIn />
    </Suspense>
  );
}

function SignIn() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  // After GitHub/Google sign-in the API redirects here with `mfa=<methods>` (second factor due) or `oauthError`.
  const [methods, setMethods] = useState<MfaMethod[] | null>(() => mfaMethodsFrom(params.get('mfa')));
  const done = () => router.replace(next);
  if (methods) return <MfaStep methods={methods} onDone={done} onBack={() => setMethods(null)} />;
  return (
    <PasswordStep next={next} onSignedIn={done} onMfa={setMethods} initialError={params.get('oauthError')} />
  );
}

function mfaMethodsFrom(value: string | null): MfaMethod[] | null {
  const methods = (value ?? '')
    .split(',')
    .filter((m): m is MfaMethod => m === 'totp' || m === 'webauthn' || m === 'recovery_code');
  return methods.length > 0 ? methods : null;
}

function PasswordStep({
  next,
  onSignedIn,
  onMfa,
  initialError,
}: {
  next: string;
  onSignedIn: () => void;
  onMfa: (methods: MfaMethod[]) => void;
  initialError: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const errors = { email: checkEmail(email), password: password ? null : 'Enter your password.' };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (errors.email || errors.password) return;
    setBusy(true);
    try {
      const result = await authApi.signIn({ email: email.trim(), password });
      if (result.status === 'mfa_required') onMfa(result.methods);
      else onSignedIn();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? 'Email or password is incorrect.'
          : errorMessage(caught),
      );
      setBusy(false);
    }
  }

  const signUpHref = next === '/' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`;
  return (
    <AuthLayout
      title="Sign in to SendOps"
      footer={
        <>
          New to SendOps? <Link href={signUpHref}>Create an account</Link>
        </>
      }
    >
      <OAuthButtons next={next} verb="Sign in" />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={setEmail}
          error={submitted ? errors.email : null}
          autoComplete="email"
          name="email"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={submitted ? errors.password : null}
          autoComplete="current-password"
          name="password"
        />
        {error && <Alert kind="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} style={{ marginTop: 8 }}>
          {busy && <Spinner />}
          Sign in
        </button>
      </form>
    </AuthLayout>
  );
}

const METHOD_LABELS: Record<MfaMethod, string> = {
  totp: 'Authenticator app',
  webauthn: 'Security key',
  recovery_code: 'Recovery code',
};

/** Second factor: the user picks any of their methods and can switch between them. */
function MfaStep({
  methods,
  onDone,
  onBack,
}: {
  methods: MfaMethod[];
  onDone: () => void;
  onBack: () => void;
}) {
  const available = methods.length > 0 ? methods : (['totp', 'recovery_code'] as MfaMethod[]);
  const [method, setMethod] = useState<MfaMethod>(available[0]!);
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const codeError =
    method === 'totp' ? checkOtp(code) : method === 'recovery_code' ? checkRecoveryCode(code) : null;

  function switchTo(next: MfaMethod) {
    setMethod(next);
    setCode('');
    setSubmitted(false);
    setError(null);
  }

  async function verify(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    setError(null);
    if (codeError) return;
    setBusy(true);
    try {
      if (method === 'totp') await authApi.mfaTotp(code.trim());
      else if (method === 'recovery_code') await authApi.mfaRecoveryCode(code.trim());
      else {
        const optionsJSON = await authApi.mfaWebauthnOptions();
        const response = await startAuthentication({ optionsJSON });
        await authApi.mfaWebauthnVerify(response);
      }
      onDone();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401 && caught.code !== 'invalid') {
        setError(
          method === 'webauthn' ? 'The security key was not accepted.' : 'That code is not valid. Try again.',
        );
      } else if (caught instanceof Error && caught.name === 'NotAllowedError') {
        setError('The security key prompt was cancelled or timed out.');
      } else {
        setError(errorMessage(caught));
      }
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Verify it's you"
      subtitle={
        method === 'totp'
          ? 'Enter the 6-digit code from your authenticator app.'
          : method === 'webauthn'
            ? 'Use your security key or platform authenticator.'
            : 'Enter one of your one-time recovery codes.'
      }
      footer={
        <button type="button" className="btn btn-ghost btn-sm" onClick={onBack}>
          ← Back to sign in
        </button>
      }
    >
      {available.length > 1 && (
        <fieldset
          className="segmented"
          aria-label="Verification method"
          style={{ width: '100%', marginBottom: 18 }}
        >
          {available.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={m === method}
              onClick={() => switchTo(m)}
              style={{ flex: 1 }}
            >
              {METHOD_LABELS[m]}
            </button>
          ))}
        </fieldset>
      )}
      <form onSubmit={verify} noValidate>
        {method === 'totp' && (
          <TextField
            label="Authentication code"
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
            error={submitted ? codeError : null}
            autoComplete="one-time-code"
            inputMode="numeric"
            placeholder="123456"
            autoFocus
            name="code"
          />
        )}
        {method === 'recovery_code' && (
          <TextField
            label="Recovery code"
            value={code}
            onChange={setCode}
            error={submitted ? codeError : null}
            autoComplete="off"
            autoFocus
            name="recovery-code"
          />
        )}
        {error && <Alert kind="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} style={{ marginTop: 8 }}>
          {busy && <Spinner />}
          {method === 'webauthn' ? 'Use security key' : 'Verify'}
        </button>
      </form>
    </AuthLayout>
  );
}
