import { ROLES } from '@sendops/db';
import { Type } from '@sinclair/typebox';

/** A role an invitation or a role change may give: every role but `owner`. */
export const AssignableRole = Type.Union(
  ROLES.filter((role) => role !== 'owner').map((role) => Type.Literal(role)),
  { description: 'any role but owner (ownership moves by transfer)' },
);

/** Invitation tokens are 43 base64url characters: longer input cannot be one. */
export const InvitationToken = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) });
