'use client';

import { type FormEvent, useState } from 'react';
import { Icon } from '../../../../../components/icons.tsx';
import {
  RequirePermission,
  useCan,
  useOrganization,
} from '../../../../../components/organization-context.tsx';
import { useSession } from '../../../../../components/session.tsx';
import {
  Alert,
  ConfirmDialog,
  CopyButton,
  Dialog,
  ErrorState,
  FormDialog,
  Loading,
  TextField,
} from '../../../../../components/ui.tsx';
import { errorMessage } from '../../../../../lib/api/client.ts';
import { orgApi } from '../../../../../lib/api/endpoints.ts';
import { API_KEY_SCOPES } from '../../../../../lib/api/scopes.ts';
import type { ApiKey, CreatedApiKey } from '../../../../../lib/api/types.ts';
import { formatDateTime } from '../../../../../lib/format.ts';
import { useResource } from '../../../../../lib/use-resource.ts';
import { checkRequired } from '../../../../../lib/validation.ts';

const MAX_KEY_NAME = 100;

export default function ApiKeysPage() {
  return (
    <RequirePermission anyOf={['api_keys.view']}>
      <ApiKeys />
    </RequirePermission>
  );
}

function ApiKeys() {
  const membership = useOrganization();
  const { timezone } = useSession();
  const canManage = useCan('api_keys.manage');
  const keys = useResource(() => orgApi.apiKeys(membership.slug), [membership.slug]);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <div className="spread" style={{ marginBottom: 16 }}>
        <div>
          <h2>API Keys</h2>
          <p className="muted">
            Keys for the read-only public API (<code>/v1</code>), server to server. Send one as{' '}
            <code>Authorization: Bearer sk_live_…</code>.
          </p>
        </div>
        {canManage && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            <Icon name="plus" /> Create API key
          </button>
        )}
      </div>
      {notice && (
        <div style={{ marginBottom: 16 }}>
          <Alert kind="success">{notice}</Alert>
        </div>
      )}
      {keys.error && !keys.data ? (
        <ErrorState error={keys.error} onRetry={() => void keys.reload()} />
      ) : !keys.data ? (
        <div className="card">
          <Loading label="Loading API keys…" />
        </div>
      ) : (
        <div className="card">
          {keys.data.items.length === 0 ? (
            <div className="empty">No API keys yet.{canManage && ' Create one to call the public API.'}</div>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="api-keys-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Key</th>
                    <th className="hide-phone">Scopes</th>
                    <th className="hide-phone">Created</th>
                    <th>Last used</th>
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {keys.data.items.map((key) => (
                    <tr key={key.id} data-testid={`api-key-${key.name}`}>
                      <td>
                        <div className="person-name">{key.name}</div>
                        <div className="faint mono small">{key.id}</div>
                      </td>
                      <td className="nowrap">
                        <code>{key.prefix}…</code>{' '}
                        {key.environment === 'test' && <span className="badge badge-warning">Test</span>}
                      </td>
                      <td className="hide-phone">
                        <span className="row" style={{ gap: 4 }}>
                          {key.scopes.map((scope) => (
                            <span key={scope} className="badge">
                              {scope}
                            </span>
                          ))}
                        </span>
                      </td>
                      <td className="hide-phone nowrap">{formatDateTime(key.createdAt, timezone)}</td>
                      <td className="nowrap">
                        {key.lastUsedAt ? (
                          formatDateTime(key.lastUsedAt, timezone)
                        ) : (
                          <span className="muted">Never</span>
                        )}
                      </td>
                      <td className="actions">
                        {canManage && (
                          <button type="button" className="btn btn-sm" onClick={() => setRevoking(key)}>
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={() => {
            setNotice(null);
            void keys.reload();
          }}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke "${revoking.name}"?`}
          description="Clients using this key are refused immediately. This cannot be undone."
          confirmLabel="Revoke key"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await orgApi.revokeApiKey(membership.slug, revoking.id);
            setNotice(`API key "${revoking.name}" was revoked.`);
            setRevoking(null);
            await keys.reload();
          }}
        />
      )}
    </>
  );
}

function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const membership = useOrganization();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'live' | 'test'>('live');
  const [scopes, setScopes] = useState<string[]>(API_KEY_SCOPES.map((s) => s.value));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const errors = {
    name: checkRequired(name, 'a name for this key', MAX_KEY_NAME),
    scopes: scopes.length === 0 ? 'Choose at least one scope.' : null,
  };

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    if (errors.name || errors.scopes) return;
    setBusy(true);
    setError(null);
    try {
      setCreated(await orgApi.createApiKey(membership.slug, { name: name.trim(), scopes, environment }));
      onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(false);
  }

  if (created) {
    return (
      <Dialog
        title="Your new API key"
        onClose={onClose}
        footer={
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        }
      >
        <div className="stack" style={{ gap: 12 }}>
          <Alert kind="warning">
            Copy this key now and store it somewhere safe. For your security it is shown{' '}
            <strong>only once</strong> — you will not be able to see it again.
          </Alert>
          <div className="secret-box" data-testid="api-key-secret">
            <code>{created.secret}</code>
            <CopyButton value={created.secret} />
          </div>
          <p className="muted small">
            {created.apiKey.name} · <code>{created.apiKey.prefix}…</code>
          </p>
        </div>
      </Dialog>
    );
  }

  return (
    <FormDialog
      title="Create API key"
      description="Keys are for server-to-server calls; never put one in a browser or mobile app."
      formId="create-api-key"
      submitLabel="Create key"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={submitted ? errors.name : null}
        maxLength={MAX_KEY_NAME}
        autoFocus
        placeholder="Production backend"
        name="api-key-name"
      />
      <div className="field">
        <span className="label">Environment</span>
        <fieldset className="segmented" aria-label="Environment">
          <button type="button" aria-pressed={environment === 'live'} onClick={() => setEnvironment('live')}>
            Live (sk_live_)
          </button>
          <button type="button" aria-pressed={environment === 'test'} onClick={() => setEnvironment('test')}>
            Test (sk_test_)
          </button>
        </fieldset>
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: '0 0 14px' }}>
        <legend className="label" style={{ marginBottom: 6 }}>
          Scopes
        </legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope.value} className="checkbox" style={{ alignItems: 'flex-start' }}>
            <input
              type="checkbox"
              checked={scopes.includes(scope.value)}
              onChange={(event) =>
                setScopes((current) =>
                  event.target.checked ? [...current, scope.value] : current.filter((s) => s !== scope.value),
                )
              }
              style={{ marginTop: 2 }}
            />
            <span>
              <code>{scope.value}</code> <span className="muted small">— {scope.description}</span>
            </span>
          </label>
        ))}
        {submitted && errors.scopes && <span className="field-error">{errors.scopes}</span>}
      </fieldset>
      {error && <Alert kind="error">{error}</Alert>}
    </FormDialog>
  );
}
