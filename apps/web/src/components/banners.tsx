'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '../lib/api/client.ts';
import { meApi, orgApi } from '../lib/api/endpoints.ts';
import type { Membership, MyInvitation, MyOwnershipTransfer } from '../lib/api/types.ts';
import { ownWorkspace, rememberOrganization } from '../lib/current-organization.ts';
import { formatDateTime, formatExpiry, roleLabel } from '../lib/format.ts';
import { landingPath, orgPath } from '../lib/navigation.ts';
import { Icon } from './icons.tsx';
import { CreateOrganizationDialog } from './organization-switcher.tsx';
import { useSession } from './session.tsx';
import { Spinner } from './ui.tsx';

/** The strips above every page: demo workspace, pending invitations, ownership transfers, MFA deadline. */
export function Banners({ membership }: { membership: Membership }) {
  const { me, timezone } = useSession();
  return (
    <div className="banners">
      {membership.isDemo && <DemoBanner />}
      {me.ownershipTransfers.map((transfer) => (
        <TransferBanner key={transfer.id} transfer={transfer} />
      ))}
      {me.invitations.length === 1 && <InvitationBanner invitation={me.invitations[0]!} />}
      {me.invitations.length > 1 && (
        <div className="banner banner-invite" data-testid="invitations-banner">
          <span className="banner-text">
            You have <strong>{me.invitations.length} pending invitations</strong> to join other organizations.
          </span>
          <Link className="btn btn-sm" href={orgPath(membership.slug, '/profile#invitations')}>
            Review invitations
          </Link>
        </div>
      )}
      {membership.mfaSetupDeadline && !me.user.mfaEnabled && (
        <div className="banner banner-transfer">
          <Icon name="shield" />
          <span className="banner-text">
            {membership.name} requires multi-factor authentication. Set it up before{' '}
            <strong>{formatDateTime(membership.mfaSetupDeadline, timezone)}</strong> to keep access.
          </span>
          <Link className="btn btn-sm" href={orgPath(membership.slug, '/profile#mfa')}>
            Set up MFA
          </Link>
        </div>
      )}
    </div>
  );
}

function DemoBanner() {
  const router = useRouter();
  const { me } = useSession();
  const own = ownWorkspace(me.organizations);
  const [creating, setCreating] = useState(false);
  return (
    <div className="banner banner-demo" data-testid="demo-banner">
      <Icon name="sparkles" />
      <span className="banner-text">
        <strong>Exploring with sample data.</strong>{' '}
        <span className="muted">This demo workspace is shared and read-only for you.</span>
      </span>
      <button
        type="button"
        className="btn btn-primary btn-sm"
        onClick={() => {
          if (own) {
            rememberOrganization(own.slug);
            router.push(landingPath(own));
          } else setCreating(true);
        }}
      >
        Switch to your workspace
      </button>
      {creating && <CreateOrganizationDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function InvitationBanner({ invitation }: { invitation: MyInvitation }) {
  const router = useRouter();
  const { reload } = useSession();
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(kind: 'accept' | 'decline') {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'accept') {
        const { organizationSlug } = await meApi.acceptInvitation(invitation.id);
        await reload();
        rememberOrganization(organizationSlug);
        router.push(orgPath(organizationSlug));
      } else {
        await meApi.declineInvitation(invitation.id);
        await reload();
      }
    } catch (caught) {
      setError(errorMessage(caught));
    }
    setBusy(null);
  }

  return (
    <div className="banner banner-invite" data-testid="invitation-banner">
      <span className="banner-text">
        {invitation.invitedBy ? `${invitation.invitedBy.name} invited you` : 'You are invited'} to join{' '}
        <strong>{invitation.organizationName}</strong> as <strong>{roleLabel(invitation.role)}</strong>.{' '}
        <span className="muted">Expires {formatExpiry(invitation.expiresAt)}.</span>
        {error && <span className="field-error"> {error}</span>}
      </span>
      <button
        type="button"
        className="btn btn-primary btn-sm"
        disabled={busy !== null}
        onClick={() => act('accept')}
      >
        {busy === 'accept' && <Spinner />}Accept
      </button>
      <button type="button" className="btn btn-sm" disabled={busy !== null} onClick={() => act('decline')}>
        {busy === 'decline' && <Spinner />}Decline
      </button>
    </div>
  );
}

function TransferBanner({ transfer }: { transfer: MyOwnershipTransfer }) {
  const { timezone } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="banner banner-transfer" data-testid="transfer-banner">
      <Icon name="shield" />
      <span className="banner-text">
        {transfer.from.name} ({transfer.from.email}) wants to transfer ownership of{' '}
        <strong>{transfer.organizationName}</strong> to you. Accept before{' '}
        {formatDateTime(transfer.expiresAt, timezone)}. Both of you will be signed out afterwards.
        {error && <span className="field-error"> {error}</span>}
      </span>
      <button
        type="button"
        className="btn btn-primary btn-sm"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await orgApi.acceptOwnershipTransfer(transfer.organizationSlug);
            // Accepting signs both users out everywhere (spec: members-and-roles).
            window.location.assign(`/sign-in?next=${encodeURIComponent(orgPath(transfer.organizationSlug))}`);
          } catch (caught) {
            setError(errorMessage(caught));
            setBusy(false);
          }
        }}
      >
        {busy && <Spinner />}Accept
      </button>
    </div>
  );
}
