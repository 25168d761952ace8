'use client';

import { useId, useState } from 'react';
import { orgApi } from '../../lib/api/endpoints.ts';
import type { Member, Role } from '../../lib/api/types.ts';
import { roleLabel } from '../../lib/format.ts';
import { useOrganization } from '../organization-context.tsx';
import { ConfirmDialog } from '../ui.tsx';
import { RoleSelect } from './role-select.tsx';

/** Picks a new role for a member; applied when confirmed. */
export function ChangeRoleDialog({
  member,
  onClose,
  onChanged,
}: {
  member: Member;
  onClose: () => void;
  onChanged: (role: Role) => void;
}) {
  const membership = useOrganization();
  const id = useId();
  const [role, setRole] = useState<Role>(member.role);
  return (
    <ConfirmDialog
      title={`Change ${member.name}'s role`}
      description="The change takes effect immediately."
      confirmLabel="Change role"
      confirmDisabled={role === member.role}
      onClose={onClose}
      onConfirm={async () => {
        await orgApi.changeRole(membership.slug, member.userId, role);
        onChanged(role);
      }}
    >
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor={id}>Role</label>
        <RoleSelect id={id} value={role} onChange={setRole} />
        <span className="field-hint">
          {roleLabel(member.role)} → {roleLabel(role)}
        </span>
      </div>
    </ConfirmDialog>
  );
}
