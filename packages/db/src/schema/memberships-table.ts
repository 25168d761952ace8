import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** The eight roles of team/members-and-roles, in the spec's order. */
export const ROLES = [
  'owner',
  'org_admin',
  'infra_admin',
  'developer',
  'marketer',
  'financial',
  'customer_support',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export interface MembershipsTable {
  id: Generated<string>;
  organization_id: string;
  user_id: string;
  /** At most one `owner` per organization (partial unique index). */
  role: Role;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Membership = Selectable<MembershipsTable>;
export type NewMembership = Insertable<MembershipsTable>;
export type MembershipUpdate = Updateable<MembershipsTable>;
