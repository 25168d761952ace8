'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import {
  RequirePermission,
  useCan,
  useOrganization,
} from '../../../../../components/organization-context.tsx';
import { useSession } from '../../../../../components/session.tsx';
import {
  Alert,
  ConfirmDialog,
  ErrorState,
  Loading,
  Spinner,
  TextField,
} from '../../../../../components/ui.tsx';
import { errorMessage } from '../../../../../lib/api/client.ts';
import { orgApi } from '../../../../../lib/api/endpoints.ts';
import type { Organization, SessionTimeout } from '../../../../../lib/api/types.ts';
import { formatDateTime, roleLabel } from '../../../../../lib/format.ts';
import { orgPath } from '../../../../../lib/navigation.ts';
import { useResource } from '../../../../../lib/use-resource.ts';
import { checkOrganizationName, checkSlug, MAX_ORG_NAME } from '../../../../../lib/validation.ts';
import { WorkspaceLogoSection } from './workspace-logo-section.tsx';

const SESSION_TIMEOUTS: { value: SessionTimeout; label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '4h', label: '4 hours' },
  { value: '8h', label: '8 hours (default)' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
];

export default function WorkspaceSettingsPage() {
  return (
    <RequirePermission anyOf={['org.settings.view']} allowDemo>
      <WorkspaceSettings />
    </RequirePermission>
  );
}

function WorkspaceSettings() {
  const membership = useOrganization();
  const organization = useResource(() => orgApi.get(membership.slug), [membership.slug]);
  if (organization.error && !organization.data) {
    return <ErrorState error={organization.error} onRetry={() => void organization.reload()} />;
  }
  if (!organization.data)
    return (
      <div className="card">
        <Loading />
      </div>
    );
  const org = organization.data;
  return (
    <div className="stack">
      <GeneralSection organization={org} onSaved={organization.reload} />
      <WorkspaceLogoSection organization={org} onSaved={organization.reload} />
      <SecuritySection organization={org} onSaved={organization.reload} />
      <DangerZone organization={org} />
    </div>
  );
}

function GeneralSection({
  organization,
  onSaved,
}: {
  organization: Organization;
  onSaved: () => Promise<void>;
}) {
  const router = useRouter();
  const { reload } = useSession();
  const canManage = useCan('org.settings.manage');
  const [name, setName] = useState(organization.name);
  const [slug, setSlug] = useState(organization.slug);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = { name: checkOrganizationName(name), slug: checkSlug(slug) };
  const changed = name.trim() !== organization.name || slug !== organization.slug;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (errors.name || errors.slug || !changed) return;
    setBusy(true);
    setError(null);
    try {
      const patch: { name?: string; slug?: string } = {};
      if (name.trim() !== organization.name) patch.name = name.trim();
      if (slug !== organization.slug) patch.slug = slug;
      await orgApi.update(organization.slug, patch);
      await reload();
      if (patch.slug) router.replace(orgPath(patch.slug, '/settings/workspace'));
      else await onSaved();
      setSaved(true);
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(false);
  }

  return (
    <section className="card">
      <div className="card-header">
        <div>
          <h2>General</h2>
          <p className="muted small">Shown in the dashboard and in team invitations.</p>
        </div>
        {organization.isDemo && <span className="badge badge-warning">Demo workspace</span>}
      </div>
      <form className="card-body" onSubmit={submit} noValidate>
        <div className="form-grid">
          <TextField
            label="Workspace name"
            value={name}
            onChange={setName}
            error={errors.name}
            maxLength={MAX_ORG_NAME}
            disabled={!canManage}
            name="workspace-name"
          />
          <TextField
            label="Workspace URL slug"
            value={slug}
            onChange={(v) => setSlug(v.toLowerCase())}
            error={slug !== organization.slug ? errors.slug : null}
            hint="3–48 lowercase letters, digits and hyphens. The old URL keeps working for 30 days."
            disabled={!canManage}
            name="workspace-slug"
          />
        </div>
        <dl className="key-value small" style={{ marginBottom: 14 }}>
          <dt>Plan</dt>
          <dd style={{ textTransform: 'capitalize' }}>{organization.plan}</dd>
          <dt>Your role</dt>
          <dd>{roleLabel(organization.role)}</dd>
        </dl>
        {error && <Alert kind="error">{error}</Alert>}
        {saved && !changed && <Alert kind="success">Workspace updated.</Alert>}
        {canManage && (
          <div className="row" style={{ marginTop: 12 }}>
            <button type="submit" className="btn btn-primary" disabled={busy || !changed}>
              {busy && <Spinner />}Save changes
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

function SecuritySection({
  organization,
  onSaved,
}: {
  organization: Organization;
  onSaved: () => Promise<void>;
}) {
  const canManage = useCan('org.settings.manage');
  const { timezone } = useSession();
  const timeoutId = useId();
  const [busy, setBusy] = useState<'timeout' | 'mfa' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmMfa, setConfirmMfa] = useState(false);

  async function save(
    kind: 'timeout' | 'mfa',
    patch: { sessionTimeout?: SessionTimeout; mfaEnforced?: boolean },
  ) {
    setBusy(kind);
    setError(null);
    try {
      await orgApi.update(organization.slug, patch);
      await onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(null);
  }

  return (
    <section className="card">
      <div className="card-header">
        <h2>Security</h2>
      </div>
      <div className="card-body">
        <div className="settings-row">
          <div>
            <h3>Require two-factor authentication</h3>
            <p className="muted small">
              Every member must set up MFA. Members without it have 7 days to configure it before losing
              access.
              {organization.mfaEnforced &&
                organization.mfaEnforcedAt &&
                ` Enforced since ${formatDateTime(organization.mfaEnforcedAt, timezone)}.`}
            </p>
          </div>
          <label className="switch">
            {busy === 'mfa' && <Spinner />}
            <input
              type="checkbox"
              role="switch"
              aria-label="Require two-factor authentication"
              checked={organization.mfaEnforced}
              aria-checked={organization.mfaEnforced}
              disabled={!canManage || busy !== null}
              onChange={(event) => {
                if (event.target.checked) setConfirmMfa(true);
                else void save('mfa', { mfaEnforced: false });
              }}
            />
          </label>
        </div>
        <div className="settings-row">
          <div>
            <label htmlFor={timeoutId}>
              <h3>Session timeout</h3>
            </label>
            <p className="muted small">
              How long an inactive session stays valid before members must sign in again.
            </p>
          </div>
          <div className="row">
            {busy === 'timeout' && <Spinner />}
            <select
              id={timeoutId}
              className="select"
              style={{ width: 200 }}
              value={organization.sessionTimeout}
              disabled={!canManage || busy !== null}
              onChange={(event) =>
                void save('timeout', { sessionTimeout: event.target.value as SessionTimeout })
              }
            >
              {SESSION_TIMEOUTS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {error && <Alert kind="error">{error}</Alert>}
      </div>
      {confirmMfa && (
        <ConfirmDialog
          title="Require MFA for everyone?"
          description={`Members of ${organization.name} without MFA get 7 days to set it up before they lose access.`}
          confirmLabel="Require MFA"
          onClose={() => setConfirmMfa(false)}
          onConfirm={async () => {
            await orgApi.update(organization.slug, { mfaEnforced: true });
            setConfirmMfa(false);
            await onSaved();
          }}
        />
      )}
    </section>
  );
}

function DangerZone({ organization }: { organization: Organization }) {
  const canTransfer = useCan('org.ownership.transfer');
  const canDelete = useCan('org.delete');
  const [dialog, setDialog] = useState<'transfer' | 'delete' | 'leave' | null>(null);
  const canLeave = organization.isDemo || organization.role !== 'owner';
  if (!canTransfer && !canDelete && !canLeave) return null;

  async function leave() {
    await orgApi.leave(organization.slug);
    // A full load: the session no longer lists this organization, `/` picks the next one.
    window.location.assign('/');
  }

  return (
    <section className="card card-danger">
      <div className="card-header">
        <h2>{organization.isDemo ? 'Demo workspace' : 'Danger Zone'}</h2>
      </div>
      <div className="card-body">
        {canLeave && (
          <div className="settings-row">
            <div>
              <h3>{organization.isDemo ? 'Leave Demo Workspace' : 'Leave this workspace'}</h3>
              <p className="muted small">
                {organization.isDemo
                  ? 'Removes the demo workspace from your organization list. Other members are not affected.'
                  : 'You lose access immediately. An Owner or Org Admin can invite you again.'}
              </p>
            </div>
            <button type="button" className="btn btn-danger" onClick={() => setDialog('leave')}>
              {organization.isDemo ? 'Leave Demo Workspace' : 'Leave workspace'}
            </button>
          </div>
        )}
        {canTransfer && !organization.isDemo && (
          <div className="settings-row">
            <div>
              <h3>Transfer ownership</h3>
              <p className="muted small">
                Hand the Owner role to another member. They have 72 hours to accept; you become an Org Admin.
              </p>
            </div>
            <button type="button" className="btn" onClick={() => setDialog('transfer')}>
              Transfer Ownership
            </button>
          </div>
        )}
        {canDelete && !organization.isDemo && (
          <div className="settings-row">
            <div>
              <h3>Delete workspace</h3>
              <p className="muted small">
                Permanently removes the workspace and all of its data — channels, domains, templates, members
                and reports. This cannot be undone.
              </p>
            </div>
            <button type="button" className="btn btn-danger" onClick={() => setDialog('delete')}>
              Delete workspace
            </button>
          </div>
        )}
      </div>
      {dialog === 'leave' && (
        <ConfirmDialog
          title={organization.isDemo ? 'Leave the demo workspace?' : `Leave ${organization.name}?`}
          description={
            organization.isDemo
              ? 'It disappears from your organization list.'
              : 'You lose access immediately.'
          }
          confirmLabel={organization.isDemo ? 'Leave Demo Workspace' : 'Leave workspace'}
          danger
          onClose={() => setDialog(null)}
          onConfirm={leave}
        />
      )}
      {dialog === 'transfer' && (
        <TransferDialog organization={organization} onClose={() => setDialog(null)} />
      )}
      {dialog === 'delete' && <DeleteDialog organization={organization} onClose={() => setDialog(null)} />}
    </section>
  );
}

function TransferDialog({ organization, onClose }: { organization: Organization; onClose: () => void }) {
  const router = useRouter();
  const { me } = useSession();
  const selectId = useId();
  const team = useResource(() => orgApi.team(organization.slug), [organization.slug]);
  const [target, setTarget] = useState('');
  const candidates = team.data?.members.filter((m) => m.userId !== me.user.id) ?? [];
  const chosen = candidates.find((m) => m.userId === target);
  return (
    <ConfirmDialog
      title="Transfer ownership"
      description="The member you choose has 72 hours to accept. After the transfer you become an Org Admin, and both of you are signed out."
      confirmLabel="Transfer Ownership"
      danger
      confirmDisabled={!chosen}
      onClose={onClose}
      onConfirm={async () => {
        if (!chosen) return;
        await orgApi.startOwnershipTransfer(organization.slug, chosen.userId);
        onClose();
        router.push(orgPath(organization.slug, '/team'));
      }}
    >
      {team.error ? (
        <Alert kind="error">{errorMessage(team.error)}</Alert>
      ) : !team.data ? (
        <Loading label="Loading members…" />
      ) : candidates.length === 0 ? (
        <Alert kind="info">There is no other member yet. Invite someone from System → Team first.</Alert>
      ) : (
        <div className="field" style={{ margin: 0 }}>
          <label htmlFor={selectId}>New owner</label>
          <select id={selectId} className="select" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose a member…</option>
            {candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.email}) — {roleLabel(m.role)}
              </option>
            ))}
          </select>
          <span className="field-hint">The new owner needs a verified email address.</span>
        </div>
      )}
    </ConfirmDialog>
  );
}

function DeleteDialog({ organization, onClose }: { organization: Organization; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  return (
    <ConfirmDialog
      title={`Delete ${organization.name}?`}
      description="All data of this workspace is removed permanently, including reports and analytics. Members lose access and sessions are revoked."
      confirmLabel="Delete workspace"
      danger
      confirmDisabled={typed !== organization.name}
      onClose={onClose}
      onConfirm={async () => {
        await orgApi.remove(organization.slug, typed);
        window.location.assign('/');
      }}
    >
      <TextField
        label={`Type "${organization.name}" to confirm`}
        value={typed}
        onChange={setTyped}
        autoFocus
        error={typed && typed !== organization.name ? 'The name does not match.' : null}
        name="confirm-name"
      />
    </ConfirmDialog>
  );
}
