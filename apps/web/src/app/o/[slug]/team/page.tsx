'use client';

import { useState } from 'react';
import { Icon } from '../../../../components/icons.tsx';
import { RequirePermission, useCan, useOrganization } from '../../../../components/organization-context.tsx';
import { InviteMemberDialog } from '../../../../components/team/invite-member-dialog.tsx';
import { OwnershipTransferNotice } from '../../../../components/team/ownership-transfer-notice.tsx';
import { TeamMembersTable } from '../../../../components/team/team-members-table.tsx';
import { Alert, ErrorState, Loading } from '../../../../components/ui.tsx';
import { orgApi } from '../../../../lib/api/endpoints.ts';
import { useResource } from '../../../../lib/use-resource.ts';

export default function TeamPage() {
  return (
    <RequirePermission anyOf={['team.view']}>
      <Team />
    </RequirePermission>
  );
}

function Team() {
  const membership = useOrganization();
  const canManage = useCan('team.manage');
  const team = useResource(() => orgApi.team(membership.slug), [membership.slug]);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Team</h1>
          <p>People in {membership.name} and what each may do.</p>
        </div>
        {canManage && (
          <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
            <Icon name="plus" /> Invite Member
          </button>
        )}
      </div>
      <OwnershipTransferNotice />
      {notice && (
        <div style={{ marginBottom: 16 }}>
          <Alert kind="success">{notice}</Alert>
        </div>
      )}
      {team.error && !team.data ? (
        <ErrorState error={team.error} onRetry={() => void team.reload()} />
      ) : !team.data ? (
        <div className="card">
          <Loading label="Loading members…" />
        </div>
      ) : (
        <TeamMembersTable
          members={team.data.members}
          invitations={team.data.invitations}
          canManage={canManage}
          onChanged={(message) => {
            setNotice(message);
            void team.reload();
          }}
        />
      )}
      {inviting && (
        <InviteMemberDialog
          onClose={() => setInviting(false)}
          onInvited={(invitation) => {
            setInviting(false);
            setNotice(`Invitation sent to ${invitation.email}.`);
            void team.reload();
          }}
        />
      )}
    </>
  );
}
