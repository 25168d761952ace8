'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../lib/api/client.ts';
import { orgApi } from '../lib/api/endpoints.ts';
import type { Membership } from '../lib/api/types.ts';
import { roleLabel } from '../lib/format.ts';
import { landingPath, orgPath } from '../lib/navigation.ts';
import { checkOrganizationName, MAX_ORG_NAME } from '../lib/validation.ts';
import { Icon } from './icons.tsx';
import { useSession } from './session.tsx';
import { Alert, FormDialog, initials, MenuItem, Popover, TextField } from './ui.tsx';

export function OrganizationMark({
  membership,
}: {
  membership: Pick<Membership, 'name' | 'isDemo'> & { logoUrl?: string | null };
}) {
  if (membership.logoUrl) {
    return (
      <span className="org-mark org-mark-logo">
        {/* biome-ignore lint/performance/noImgElement: a private, session-authenticated image next/image cannot fetch */}
        <img src={membership.logoUrl} alt="" />
      </span>
    );
  }
  return (
    <span className={membership.isDemo ? 'org-mark org-mark-demo' : 'org-mark'}>
      {initials(membership.name)}
    </span>
  );
}

/** Every organization the user belongs to, with their role in each, plus "Create organization". */
export function OrganizationSwitcher({ current }: { current: Membership }) {
  const router = useRouter();
  const { me } = useSession();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Popover
        label="Switch organization"
        align="left"
        buttonClassName="org-switcher-button"
        button={
          <>
            <OrganizationMark membership={current} />
            <span style={{ minWidth: 0, flex: 1 }}>
              <span className="org-name" style={{ display: 'block' }} data-testid="current-organization">
                {current.name}
              </span>
              <span className="org-role">{roleLabel(current.role)}</span>
            </span>
            <Icon name="chevronDown" />
          </>
        }
      >
        {(close) => (
          <div style={{ minWidth: 240 }}>
            <div className="menu-label">Organizations</div>
            {me.organizations.map((membership) => (
              <MenuItem
                key={membership.id}
                close={close}
                onSelect={() => router.push(landingPath(membership))}
              >
                <OrganizationMark membership={membership} />
                <span style={{ flex: 1, minWidth: 0 }}>
                  <span className="org-name" style={{ display: 'block' }}>
                    {membership.name}
                  </span>
                  <span className="org-role">
                    {membership.isDemo ? 'Demo · ' : ''}
                    {roleLabel(membership.role)}
                  </span>
                </span>
                {membership.slug === current.slug && <Icon name="check" />}
              </MenuItem>
            ))}
            <div className="menu-sep" />
            <MenuItem close={close} onSelect={() => setCreating(true)}>
              <Icon name="plus" />
              Create organization
            </MenuItem>
          </div>
        )}
      </Popover>
      {creating && <CreateOrganizationDialog onClose={() => setCreating(false)} />}
    </>
  );
}

export function CreateOrganizationDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const { reload } = useSession();
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameError = checkOrganizationName(name);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    if (nameError) return;
    setBusy(true);
    setError(null);
    try {
      const { organization } = await orgApi.create(name.trim());
      await reload();
      onClose();
      router.push(orgPath(organization.slug));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title="Create organization"
      description="You become its Owner. You can invite your team afterwards."
      formId="create-organization"
      submitLabel="Create"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={submitted ? nameError : null}
        maxLength={MAX_ORG_NAME}
        autoFocus
        placeholder="Acme Inc."
      />
      {error && <Alert kind="error">{error}</Alert>}
    </FormDialog>
  );
}
