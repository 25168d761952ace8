import { type DbExecutor, DomainError } from '@sendops/db';
import { hasMfa, MFA_GRACE_DAYS } from '../me/get-me.ts';

// "Members without MFA will have 7 days to configure it before losing access" (team/account-settings).
const GRACE_MS = MFA_GRACE_DAYS * 24 * 60 * 60 * 1000;

/**
 * When a member must have set up MFA to keep access: null when the organization does not enforce MFA
 * or the member already has it. The grace runs from the moment enforcement was turned on, for every
 * member alike (one joining later gets what is left of it).
 */
export function mfaSetupDeadline(mfaEnforcedAt: Date | null, memberHasMfa: boolean): Date | null {
  if (mfaEnforcedAt === null || memberHasMfa) return null;
  return new Date(mfaEnforcedAt.getTime() + GRACE_MS);
}

/**
 * Refuses a member of an MFA-enforcing organization whose grace period is over and who still has no
 * MFA, with the stable code `mfa_required` (403) the dashboard turns into "set up MFA".
 */
export async function assertMfaCompliance(
  db: DbExecutor,
  organization: { mfa_enforced_at: Date | null; name: string },
  userId: string,
  now = new Date(),
): Promise<void> {
  if (organization.mfa_enforced_at === null) return;
  const deadline = mfaSetupDeadline(organization.mfa_enforced_at, await hasMfa(db, userId));
  if (deadline !== null && now >= deadline) {
    throw new DomainError(
      'mfa_required',
      `${organization.name} requires multi-factor authentication: set it up in your profile to regain access`,
    );
  }
}
