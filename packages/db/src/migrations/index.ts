import type { Migration } from 'kysely/migration';
import * as controlPlane from './2026_11_23_0001_control_plane.ts';
import * as accounts from './2026_11_23_0002_accounts.ts';
import * as mfaChallenges from './2026_11_23_0003_mfa_challenges.ts';
import * as invitationExpiry from './2026_11_23_0004_invitation_expiry.ts';
import * as undeliverable from './2026_11_23_0100_undeliverable.ts';
import * as undeliverableRevision from './2026_11_23_0101_undeliverable_revision.ts';
import * as organizationLogos from './2026_11_23_0200_organization_logos.ts';

// Listed explicitly (not read from disk) so bundlers and type-stripping runtimes see every migration.
// Names sort by timestamp; never rename or edit one that has shipped, add a new one instead.
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_control_plane': controlPlane,
  '2026_11_23_0002_accounts': accounts,
  '2026_11_23_0003_mfa_challenges': mfaChallenges,
  '2026_11_23_0004_invitation_expiry': invitationExpiry,
  '2026_11_23_0100_undeliverable': undeliverable,
  '2026_11_23_0101_undeliverable_revision': undeliverableRevision,
  '2026_11_23_0200_organization_logos': organizationLogos,
};
