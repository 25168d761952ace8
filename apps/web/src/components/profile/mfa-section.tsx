'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/api/client.ts';
import { meApi } from '../../lib/api/endpoints.ts';
import type { MfaCredential, TotpSetup } from '../../lib/api/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { checkOtp, checkRequired } from '../../lib/validation.ts';
import { Icon } from '../icons.tsx';
import { useSession } from '../session.tsx';
import {
  Alert,
  ConfirmDialog,
  CopyButton,
  Dialog,
  ErrorState,
  FormDialog,
  Loading,
  MenuItem,
  Popover,
  Spinner,
  TextField,
} from '../ui.tsx';

type Flow =
  | { kind: 'totp' }
  | { kind: 'webauthn' }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'rename'; credential: MfaCredential }
  | { kind: 'remove'; credential: MfaCredential }
  | { kind: 'regenerate' };

/** Authenticator apps, security keys and recovery codes (spec: account-settings, Multi-factor authentication). */
export function MfaSection() {
  const { timezone, reload: reloadSession } = useSession();
  const mfa = useResource(() => meApi.mfa(), []);
  const [flow, setFlow] = useState<Flow | null>(null);
  const refresh = async () => {
    await Promise.all([mfa.reload(), reloadSession()]);
  };

  return (
    <section className="card" id="mfa">
      <div className="card-header">
        <div>
          <h2>Multi-Factor Authentication</h2>
          <p className="muted small">
            A second step at sign-in: an authenticator app, a security key, or both.
          </p>
        </div>
        {mfa.data &&
          (mfa.data.credentials.length > 0 ? (
            <span className="badge badge-success">Enabled</span>
          ) : (
            <span className="badge">Off</span>
          ))}
      </div>
      <div className="card-body stack">
        {mfa.error && !mfa.data ? (
          <ErrorState error={mfa.error} onRetry={() => void mfa.reload()} />
        ) : !mfa.data ? (
          <Loading />
        ) : (
          <>
            {mfa.data.credentials.length > 0 && (
              <div
                className="table-wrap"
                style={{ border: '1px solid var(--border)', borderRadius: 'var(--radius)' }}
              >
                <table className="table">
                  <tbody>
                    {mfa.data.credentials.map((credential) => (
                      <tr key={credential.id}>
                        <td>
                          <div className="person-name">{credential.name}</div>
                          <div className="person-email">
                            {credential.type === 'totp' ? 'Authenticator app' : 'Security key'} · added{' '}
                            {formatDateTime(credential.createdAt, timezone)}
                          </div>
                        </td>
                        <td className="hide-phone muted small nowrap">
                          {credential.lastUsedAt
                            ? `Last used ${formatDateTime(credential.lastUsedAt, timezone)}`
                            : 'Never used'}
                        </td>
                        <td className="actions">
                          <Popover label={`Actions for ${credential.name}`} button={<Icon name="more" />}>
                            {(close) => (
                              <>
                                <MenuItem
                                  close={close}
                                  onSelect={() => setFlow({ kind: 'rename', credential })}
                                >
                                  Rename
                                </MenuItem>
                                <MenuItem
                                  close={close}
                                  danger
                                  onSelect={() => setFlow({ kind: 'remove', credential })}
                                >
                                  Remove
                                </MenuItem>
                              </>
                            )}
                          </Popover>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="row">
              <button type="button" className="btn" onClick={() => setFlow({ kind: 'totp' })}>
                Set up authenticator app
              </button>
              <button type="button" className="btn" onClick={() => setFlow({ kind: 'webauthn' })}>
                Set up security key
              </button>
            </div>
            {mfa.data.credentials.length > 0 && (
              <div className="settings-row" style={{ paddingBottom: 0 }}>
                <div>
                  <h3>Recovery codes</h3>
                  <p className="muted small">
                    {mfa.data.recoveryCodesRemaining} of 10 unused. Each code works once if you lose your
                    devices.
                  </p>
                </div>
                <button type="button" className="btn" onClick={() => setFlow({ kind: 'regenerate' })}>
                  Regenerate recovery codes
                </button>
              </div>
            )}
          </>
        )}
      </div>
      {flow?.kind === 'totp' && (
        <TotpSetupDialog
          onClose={() => setFlow(null)}
          onEnrolled={async (codes) => {
            await refresh();
            setFlow(codes ? { kind: 'codes', codes } : null);
          }}
        />
      )}
      {flow?.kind === 'webauthn' && (
        <SecurityKeyDialog
          onClose={() => setFlow(null)}
          onEnrolled={async (codes) => {
            await refresh();
            setFlow(codes ? { kind: 'codes', codes } : null);
          }}
        />
      )}
      {flow?.kind === 'codes' && <RecoveryCodesDialog codes={flow.codes} onClose={() => setFlow(null)} />}
      {flow?.kind === 'rename' && (
        <RenameDialog
          credential={flow.credential}
          onClose={() => setFlow(null)}
          onRenamed={async () => {
            setFlow(null);
            await mfa.reload();
          }}
        />
      )}
      {flow?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove "${flow.credential.name}"?`}
          description={
            mfa.data?.credentials.length === 1
              ? 'This is your last MFA method: removing it turns multi-factor authentication off for your account.'
              : 'You can no longer sign in with it.'
          }
          confirmLabel="Remove"
          danger
          onClose={() => setFlow(null)}
          onConfirm={async () => {
            await meApi.removeCredential(flow.credential.id);
            setFlow(null);
            await refresh();
          }}
        />
      )}
      {flow?.kind === 'regenerate' && (
        <ConfirmDialog
          title="Regenerate recovery codes?"
          description="Your current recovery codes stop working immediately."
          confirmLabel="Regenerate"
          onClose={() => setFlow(null)}
          onConfirm={async () => {
            const { recoveryCodes } = await meApi.regenerateRecoveryCodes();
            await mfa.reload();
            setFlow({ kind: 'codes', codes: recoveryCodes });
          }}
        />
      )}
    </section>
  );
}

function TotpSetupDialog({
  onClose,
  onEnrolled,
}: {
  onClose: () => void;
  onEnrolled: (codes: string[] | null) => Promise<void>;
}) {
  const setup = useResource<TotpSetup>(() => meApi.totpSetup(), []);
  const [manual, setManual] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errors = { code: checkOtp(code), name: checkRequired(name, 'a name, e.g. "Work phone"', 100) };

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    if (errors.code || errors.name || !setup.data) return;
    setBusy(true);
    setError(null);
    try {
      const enrollment = await meApi.totpVerify({
        setupId: setup.data.setupId,
        code: code.trim(),
        name: name.trim(),
      });
      await onEnrolled(enrollment.recoveryCodes);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="Set up authenticator app"
      description="Scan the QR code with Google Authenticator, Authy, 1Password or a similar app."
      onClose={() => !busy && onClose()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="totp-setup" className="btn btn-primary" disabled={busy || !setup.data}>
            {busy && <Spinner />}Verify
          </button>
        </>
      }
    >
      {setup.error ? (
        <ErrorState error={setup.error} onRetry={() => void setup.reload()} />
      ) : !setup.data ? (
        <Loading label="Preparing…" />
      ) : (
        <form id="totp-setup" onSubmit={submit} noValidate>
          <div style={{ display: 'grid', placeItems: 'center', marginBottom: 12 }}>
            <img
              src={setup.data.qrCodeDataUrl}
              alt="QR code for your authenticator app"
              width={184}
              height={184}
              style={{ background: '#fff', padding: 8, borderRadius: 8 }}
            />
          </div>
          {manual ? (
            <div className="field">
              <span className="label">Secret key</span>
              <div className="secret-box">
                <code>{setup.data.secret}</code>
                <CopyButton value={setup.data.secret} />
              </div>
            </div>
          ) : (
            <p style={{ textAlign: 'center', marginBottom: 12 }}>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setManual(true)}>
                Enter code manually
              </button>
            </p>
          )}
          <TextField
            label="6-digit code"
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
            error={submitted ? errors.code : null}
            inputMode="numeric"
            autoComplete="one-time-code"
            name="totp-code"
          />
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            error={submitted ? errors.name : null}
            placeholder="Work phone"
            maxLength={100}
            name="credential-name"
          />
          {error && <Alert kind="error">{error}</Alert>}
        </form>
      )}
    </Dialog>
  );
}

function SecurityKeyDialog({
  onClose,
  onEnrolled,
}: {
  onClose: () => void;
  onEnrolled: (codes: string[] | null) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameError = checkRequired(name, 'a name, e.g. "Office YubiKey"', 100);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    if (nameError) return;
    setBusy(true);
    setError(null);
    try {
      const optionsJSON = await meApi.webauthnOptions();
      const response = await startRegistration({ optionsJSON });
      const enrollment = await meApi.webauthnVerify({ response, name: name.trim() });
      await onEnrolled(enrollment.recoveryCodes);
    } catch (caught) {
      setError(
        caught instanceof Error && caught.name === 'NotAllowedError'
          ? 'The browser prompt was cancelled or timed out.'
          : errorMessage(caught),
      );
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title="Set up security key"
      description="Use a hardware key (such as a YubiKey) or this device's platform authenticator (Touch ID, Windows Hello)."
      formId="webauthn-setup"
      submitLabel="Continue"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={submitted ? nameError : null}
        placeholder="Office YubiKey"
        maxLength={100}
        autoFocus
        name="security-key-name"
      />
      <p className="muted small">After Continue, follow your browser's prompt to tap or activate the key.</p>
      {error && (
        <div style={{ marginTop: 10 }}>
          <Alert kind="error">{error}</Alert>
        </div>
      )}
    </FormDialog>
  );
}

function RecoveryCodesDialog({ codes, onClose }: { codes: string[]; onClose: () => void }) {
  return (
    <Dialog
      title="Save your recovery codes"
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          I have saved them
        </button>
      }
    >
      <div className="stack" style={{ gap: 12 }}>
        <Alert kind="warning">
          Store these in a secure place such as a password manager. Each code works <strong>once</strong>.
          They are not shown again.
        </Alert>
        <div className="codes-grid" data-testid="recovery-codes">
          {codes.map((code) => (
            <span key={code}>{code}</span>
          ))}
        </div>
        <div className="row">
          <CopyButton value={codes.join('\n')} label="Copy all" />
        </div>
      </div>
    </Dialog>
  );
}

function RenameDialog({
  credential,
  onClose,
  onRenamed,
}: {
  credential: MfaCredential;
  onClose: () => void;
  onRenamed: () => Promise<void>;
}) {
  const [name, setName] = useState(credential.name);
  const error = checkRequired(name, 'a name', 100);
  return (
    <ConfirmDialog
      title="Rename credential"
      confirmLabel="Save"
      confirmDisabled={Boolean(error) || name.trim() === credential.name}
      onClose={onClose}
      onConfirm={async () => {
        await meApi.renameCredential(credential.id, name.trim());
        await onRenamed();
      }}
    >
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={error}
        maxLength={100}
        autoFocus
        name="rename-credential"
      />
    </ConfirmDialog>
  );
}
