'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useState } from 'react';
import { AuthLayout } from '../../components/auth-layout.tsx';
import { OAuthButtons } from '../../components/oauth-buttons.tsx';
import { Alert, Loading, Spinner, TextField } from '../../components/ui.tsx';
import { ApiError, errorMessage } from '../../lib/api/client.ts';
import { authApi } from '../../lib/api/endpoints.ts';
import { safeNext } from '../../lib/safe-next.ts';
import { checkDisplayName, checkEmail, checkPassword, MAX_DISPLAY_NAME } from '../../lib/validation.ts';

export default function SignUpPage() {
  return (
    <Suspense fallback={<Loading />}>
      <SignUpForm />
    </Suspense>
  );
}

function SignUpForm() {
  const router = useRouter();
  const next = safeNext(useSearchParams().get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverFieldError, setServerFieldError] = useState<{ field: string; message: string } | null>(null);

  const errors = {
    name: checkDisplayName(name),
    email: checkEmail(email),
    password: checkPassword(password),
    agreed: agreed ? null : 'Agree to the Terms of Service and Privacy Policy to continue.',
  };
  const show = (field: keyof typeof errors) =>
    (submitted ? errors[field] : null) ??
    (serverFieldError?.field === field ? serverFieldError.message : null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    setServerFieldError(null);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    try {
      await authApi.signUp({ name: name.trim(), email: email.trim(), password });
      router.replace(next);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'conflict') {
        setServerFieldError({
          field: 'email',
          message: 'An account with this email already exists. Sign in instead.',
        });
      } else if (caught instanceof ApiError && caught.code === 'invalid') {
        const field = ['name', 'email', 'password'].find((f) => caught.message.toLowerCase().includes(f));
        if (field) setServerFieldError({ field, message: caught.message });
        else setError(caught.message);
      } else {
        setError(errorMessage(caught));
      }
      setBusy(false);
    }
  }

  const signInHref = next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start with a demo workspace full of sample data."
      footer={
        <>
          Already have an account? <Link href={signInHref}>Sign in</Link>
        </>
      }
    >
      <OAuthButtons next={next} verb="Sign up" />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label="Full name"
          value={name}
          onChange={setName}
          error={show('name')}
          autoComplete="name"
          maxLength={MAX_DISPLAY_NAME}
          name="name"
        />
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={setEmail}
          error={show('email')}
          autoComplete="email"
          name="email"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={show('password')}
          hint="At least 8 characters."
          autoComplete="new-password"
          name="password"
        />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={agreed}
              onChange={(event) => setAgreed(event.target.checked)}
              name="terms"
            />
            <span>I agree to the Terms of Service and Privacy Policy</span>
          </label>
          {show('agreed') && <span className="field-error">{show('agreed')}</span>}
        </div>
        {error && <Alert kind="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} style={{ marginTop: 8 }}>
          {busy && <Spinner />}
          Create account
        </button>
      </form>
    </AuthLayout>
  );
}
