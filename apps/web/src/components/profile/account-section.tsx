'use client';

import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { meApi } from '../../lib/api/endpoints.ts';
import { checkDisplayName, checkEmail, checkPassword, MAX_DISPLAY_NAME } from '../../lib/validation.ts';
import { useSession } from '../session.tsx';
import { Alert, Avatar, Spinner, TextField } from '../ui.tsx';

export function AccountSection() {
  const { me } = useSession();
  return (
    <section className="card" id="account">
      <div className="card-header">
        <div className="person">
          <Avatar name={me.user.name} url={me.user.avatarUrl} />
          <div>
            <h2>Account details</h2>
            <p className="muted small">Shown to your team and in the audit log.</p>
          </div>
        </div>
      </div>
      <div className="card-body stack">
        <NameForm />
        <hr className="divider" style={{ margin: 0 }} />
        <EmailForm />
        {me.user.hasPassword && (
          <>
            <hr className="divider" style={{ margin: 0 }} />
            <PasswordForm />
          </>
        )}
      </div>
    </section>
  );
}

function NameForm() {
  const { me, reload } = useSession();
  const [name, setName] = useState(me.user.name);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const error = checkDisplayName(name);
  const changed = name.trim() !== me.user.name;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (error || !changed) return;
    setBusy(true);
    setMessage(null);
    try {
      await meApi.update({ name: name.trim() });
      await reload();
      setMessage({ kind: 'success', text: 'Display name updated.' });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label="Display name"
        value={name}
        onChange={setName}
        error={error}
        maxLength={MAX_DISPLAY_NAME}
        autoComplete="name"
        name="display-name"
      />
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <button
        type="submit"
        className="btn"
        disabled={busy || !changed || Boolean(error)}
        style={{ marginTop: message ? 10 : 0 }}
      >
        {busy && <Spinner />}Save name
      </button>
    </form>
  );
}

function EmailForm() {
  const { me } = useSession();
  const [email, setEmail] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const error =
    checkEmail(email) ??
    (email.trim().toLowerCase() === me.user.email.toLowerCase()
      ? 'This is already your email address.'
      : null);

  if (!me.user.hasPassword) {
    return (
      <div>
        <div className="label">Email address</div>
        <p>{me.user.email}</p>
        <p className="muted small">
          You signed up with GitHub or Google, so your email comes from that account.
        </p>
      </div>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (error) return;
    setBusy(true);
    setMessage(null);
    try {
      await meApi.changeEmail(email.trim());
      setMessage({
        kind: 'success',
        text: `We sent a verification link to ${email.trim()}. Your email changes once you open it.`,
      });
      setEmail('');
      setSubmitted(false);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className="label" style={{ marginBottom: 4 }}>
        Email address
      </div>
      <p style={{ marginBottom: 10 }}>
        {me.user.email}{' '}
        {me.user.emailVerified ? (
          <span className="badge badge-success">Verified</span>
        ) : (
          <span className="badge badge-warning">Not verified</span>
        )}
      </p>
      <TextField
        label="New email address"
        type="email"
        value={email}
        onChange={setEmail}
        error={submitted ? error : null}
        autoComplete="email"
        hint="We send a verification link to the new address."
        name="new-email"
      />
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <button type="submit" className="btn" disabled={busy || !email} style={{ marginTop: message ? 10 : 0 }}>
        {busy && <Spinner />}Change email
      </button>
    </form>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const errors = {
    current: current ? null : 'Enter your current password.',
    next: checkPassword(next),
    confirm: confirm === next ? null : 'The passwords do not match.',
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (errors.current || errors.next || errors.confirm) return;
    setBusy(true);
    setMessage(null);
    try {
      await meApi.changePassword({ currentPassword: current, newPassword: next });
      setMessage({ kind: 'success', text: 'Password changed.' });
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(caught) });
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <h3 style={{ marginBottom: 10 }}>Password</h3>
      <TextField
        label="Current password"
        type="password"
        value={current}
        onChange={setCurrent}
        error={submitted ? errors.current : null}
        autoComplete="current-password"
        name="current-password"
      />
      <div className="form-grid">
        <TextField
          label="New password"
          type="password"
          value={next}
          onChange={setNext}
          error={submitted ? errors.next : null}
          hint="At least 8 characters."
          autoComplete="new-password"
          name="new-password"
        />
        <TextField
          label="Confirm new password"
          type="password"
          value={confirm}
          onChange={setConfirm}
          error={submitted ? errors.confirm : null}
          autoComplete="new-password"
          name="confirm-password"
        />
      </div>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <button type="submit" className="btn" disabled={busy} style={{ marginTop: message ? 10 : 0 }}>
        {busy && <Spinner />}Change password
      </button>
    </form>
  );
}
