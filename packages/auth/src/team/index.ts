export { setOrganizationPlan } from '../billing/set-organization-plan.ts';
export { acceptInvitation } from './accept-invitation.ts';
export { acceptOwnershipTransfer } from './accept-ownership-transfer.ts';
export { cancelOwnershipTransfer } from './cancel-ownership-transfer.ts';
export { changeMemberRole } from './change-member-role.ts';
export { declineInvitation } from './decline-invitation.ts';
export { expireInvitations } from './expire-invitations.ts';
export { expireOwnershipTransfers } from './expire-ownership-transfers.ts';
export { getInvitationByToken, type InvitationLinkView } from './get-invitation-by-token.ts';
export { getOwnershipTransfer } from './get-ownership-transfer.ts';
export type { TeamInvitationView } from './invitation-view.ts';
export { INVITATION_TTL_MS, type InviteMemberInput, inviteMember } from './invite-member.ts';
export type { InvitationReference, Invitee } from './invitee-invitation.ts';
export { listTeam, type TeamView } from './list-team.ts';
export type { MemberView } from './member-view.ts';
export {
  OWNERSHIP_TRANSFER_TTL_MS,
  type OwnershipTransferView,
  type TransferParty,
} from './ownership-transfer-records.ts';
export { removeMember } from './remove-member.ts';
export { resendInvitation } from './resend-invitation.ts';
export { revokeInvitation } from './revoke-invitation.ts';
export { type AssignableRole, ROLE_LABELS } from './role-labels.ts';
export { startOwnershipTransfer } from './start-ownership-transfer.ts';
export type { TeamDeps, TeamMailer } from './team-deps.ts';
export { PLAN_SEATS } from './team-organization.ts';
