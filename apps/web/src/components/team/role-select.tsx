'use client';

import { ASSIGNABLE_ROLES, type Role } from '../../lib/api/types.ts';
import { roleLabel } from '../../lib/format.ts';

/** The roles an Owner or Admin may hand out; shared by the invite and change-role dialogs. */
export function RoleSelect({
  value,
  onChange,
  id,
}: {
  value: Role;
  onChange: (role: Role) => void;
  id: string;
}) {
  return (
    <select
      id={id}
      className="select"
      value={value}
      onChange={(event) => onChange(event.target.value as Role)}
    >
      {ASSIGNABLE_ROLES.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </select>
  );
}
