export {
  assertPasswordPolicy,
  hashPassword,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './accounts/passwords.ts';
export { type MfaMethod, mfaMethodsOf, type SignInResult, signIn } from './accounts/sign-in.ts';
export { defaultWorkspaceName, type SignUpInput, type SignUpResult, signUp } from './accounts/sign-up.ts';
export { normalizeEmail, normalizeUserName } from './accounts/user-fields.ts';
export { API_KEY_PREFIXES, API_KEY_SCOPES, type ApiKeyScope } from './api-keys/api-key-format.ts';
export type { ApiKeyView } from './api-keys/api-key-view.ts';
export { type AuthenticatedApiKey, authenticateApiKey } from './api-keys/authenticate-api-key.ts';
export { type CreateApiKeyInput, type CreatedApiKey, createApiKey } from './api-keys/create-api-key.ts';
export { listApiKeys } from './api-keys/list-api-keys.ts';
export { revokeApiKey } from './api-keys/revoke-api-key.ts';
export {
  type AppendedAuditEntry,
  type AuditEntryInput,
  appendAuditEntry,
} from './audit/append-audit-entry.ts';
export { AUDIT_RETENTION_DAYS, auditRetentionDays } from './audit/audit-retention.ts';
export {
  type AuditEntry,
  type AuditLogFilters,
  type AuditLogPage,
  listAuditEntries,
} from './audit/list-audit-entries.ts';
export { pruneExpiredAuditEntries } from './audit/prune-audit-log.ts';
export { type AuditChainVerification, verifyAuditChain } from './audit/verify-audit-chain.ts';
export { verifyAuditLog } from './audit/verify-audit-log.ts';
export { getMe, hasMfa, type Me, type MeUser, MFA_GRACE_DAYS, meUser } from './me/get-me.ts';
export type { MfaContext, MfaUser } from './mfa/mfa-context.ts';
export {
  type AddedCredential,
  listMfaCredentials,
  type MfaCredentialSummary,
  regenerateRecoveryCodes,
  removeMfaCredential,
  renameMfaCredential,
} from './mfa/mfa-credentials.ts';
export { assertMfaCompliance, mfaSetupDeadline } from './mfa/mfa-enforcement.ts';
export { countUnusedRecoveryCodes } from './mfa/recovery-code-store.ts';
export {
  signInWithRecoveryCode,
  signInWithTotp,
  signInWithWebAuthn,
  startWebAuthnSignIn,
} from './mfa/sign-in-challenge.ts';
export { confirmTotpSetup, startTotpSetup, type TotpSetup } from './mfa/totp-enrolment.ts';
export {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  type RelyingParty,
  relyingPartyFor,
} from './mfa/webauthn.ts';
export { finishWebAuthnRegistration, startWebAuthnRegistration } from './mfa/webauthn-enrolment.ts';
export {
  createOAuthAuthorization,
  fetchOAuthProfile,
  type OAuthAuthorization,
  type OAuthProfile,
  OAuthProviderUnavailable,
} from './oauth/oauth-client.ts';
export {
  DEFAULT_OAUTH_ENDPOINTS,
  OAUTH_PROVIDER_LABELS,
  type OAuthEndpoints,
  type OAuthProviderSettings,
  oauthRedirectUri,
} from './oauth/oauth-providers.ts';
export { connectOAuthAccount, type OAuthSignInResult, signInWithOAuth } from './oauth/oauth-sign-in.ts';
export { createOrganizationForUser } from './organizations/create-organization-for-user.ts';
export { createWorkspace } from './organizations/create-workspace.ts';
export { type DeleteOrganizationEvents, deleteOrganization } from './organizations/delete-organization.ts';
export { getOrganizationLogo, getOrganizationLogoSha } from './organizations/get-organization-logo.ts';
export { leaveOrganization } from './organizations/leave-organization.ts';
export { listUserOrganizations, type UserOrganization } from './organizations/list-user-organizations.ts';
export {
  detectLogoType,
  LOGO_CONTENT_TYPES,
  LOGO_MAX_BYTES,
  type LogoContentType,
  organizationLogoUrl,
} from './organizations/logo-image.ts';
export { type OrganizationAccess, resolveOrganizationAccess } from './organizations/organization-access.ts';
export { type OrganizationView, organizationView } from './organizations/organization-view.ts';
export { removeOrganizationLogo } from './organizations/remove-organization-logo.ts';
export { setOrganizationLogo } from './organizations/set-organization-logo.ts';
export { type UpdateOrganizationInput, updateOrganization } from './organizations/update-organization.ts';
export {
  type Actor,
  type OrganizationContext,
  requirePermission,
} from './permissions/organization-context.ts';
export {
  hasPermission,
  isPermission,
  PERMISSION_GRANTS,
  PERMISSIONS,
  type Permission,
  permissionsOf,
} from './permissions/permissions.ts';
export { type ChangePasswordInput, changePassword } from './profile/change-password.ts';
export { type Connection, disconnectProvider, listConnections } from './profile/connections.ts';
export {
  confirmEmailChange,
  EMAIL_CHANGE_TTL_MS,
  type RequestedEmailChange,
  requestEmailChange,
} from './profile/email-change.ts';
export { isIanaTimeZone } from './profile/time-zone.ts';
export { type ProfileChanges, updateProfile } from './profile/update-profile.ts';
export { resolveSecretKey } from './secrets/secret-key.ts';
export { createSession, type IssuedSession, type SessionClient } from './sessions/create-session.ts';
export { deleteSession, deleteUserSessions } from './sessions/end-sessions.ts';
export { promoteMfaSession } from './sessions/promote-mfa-session.ts';
export { csrfTokenMatches, type ResolvedSession, resolveSession } from './sessions/resolve-session.ts';
export { SESSION_TIMEOUT_SECONDS } from './sessions/session-timeout.ts';
// Team: invitations, members, ownership transfer (one file per verb under team/).
export * from './team/index.ts';
export { randomToken, sha256Hex } from './tokens.ts';
