'use client';

import { type ChangeEvent, useRef, useState } from 'react';
import { useCan } from '../../../../../components/organization-context.tsx';
import { useSession } from '../../../../../components/session.tsx';
import { Alert, ConfirmDialog, initials, Spinner } from '../../../../../components/ui.tsx';
import { errorMessage } from '../../../../../lib/api/client.ts';
import { orgApi } from '../../../../../lib/api/endpoints.ts';
import type { Organization } from '../../../../../lib/api/types.ts';
import { checkLogoFile, LOGO_TYPES } from '../../../../../lib/logo-file.ts';

const DENIED = 'Only the Owner and Org Admins can change the workspace logo.';

export function WorkspaceLogoSection({
  organization,
  onSaved,
}: {
  organization: Organization;
  onSaved: () => Promise<void>;
}) {
  const canManage = useCan('org.settings.manage') && !organization.isDemo;
  const { reload } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  async function refresh() {
    // The switcher reads /api/me, this page the organization: both show the logo.
    await Promise.all([onSaved(), reload()]);
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const problem = checkLogoFile(file);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await orgApi.setLogo(organization.slug, file);
      await refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(false);
  }

  const denied = canManage
    ? undefined
    : organization.isDemo
      ? 'The demo workspace cannot be changed.'
      : DENIED;
  return (
    <section className="card" data-testid="workspace-logo">
      <div className="card-header">
        <div>
          <h2>Workspace logo</h2>
          <p className="muted small">
            Shown in the sidebar and in emails SendOps sends for this workspace. PNG, JPEG, WebP or GIF, up to
            2 MB.
          </p>
        </div>
      </div>
      <div className="card-body">
        <div className="row" style={{ gap: 16, alignItems: 'center' }}>
          <span className="workspace-logo-preview">
            {organization.logoUrl ? (
              // biome-ignore lint/performance/noImgElement: a private, session-authenticated image next/image cannot fetch
              <img src={organization.logoUrl} alt={`${organization.name} logo`} />
            ) : (
              initials(organization.name)
            )}
          </span>
          <input
            ref={input}
            type="file"
            accept={LOGO_TYPES.join(',')}
            onChange={(event) => void upload(event)}
            hidden
            aria-label="Logo file"
          />
          <span title={denied}>
            <button
              type="button"
              className="btn"
              disabled={!canManage || busy}
              onClick={() => input.current?.click()}
            >
              {busy && <Spinner />}
              {organization.logoUrl ? 'Replace logo' : 'Upload logo'}
            </button>
          </span>
          {organization.logoUrl && (
            <span title={denied}>
              <button
                type="button"
                className="btn btn-ghost"
                disabled={!canManage || busy}
                onClick={() => setConfirmRemove(true)}
              >
                Remove
              </button>
            </span>
          )}
        </div>
        {error && (
          <div style={{ marginTop: 12 }}>
            <Alert kind="error">{error}</Alert>
          </div>
        )}
      </div>
      {confirmRemove && (
        <ConfirmDialog
          title="Remove the workspace logo?"
          description="The sidebar and emails show the workspace's initials again."
          confirmLabel="Remove logo"
          danger
          onConfirm={async () => {
            await orgApi.removeLogo(organization.slug);
            await refresh();
            setConfirmRemove(false);
          }}
          onClose={() => setConfirmRemove(false)}
        />
      )}
    </section>
  );
}
