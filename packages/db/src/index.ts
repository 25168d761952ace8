export {
  constantTimeEqualHex,
  type GeneratedApiKey,
  generateIngestApiKey,
  hashApiKey,
  INGEST_KEY_PREFIX,
} from './api-keys.ts';
export { listAwsConnections, type UpsertAwsConnectionInput, upsertAwsConnection } from './aws-connections.ts';
export { type AddChannelInput, addChannel, listChannels } from './channels.ts';
export { type CreateDatabaseOptions, createDatabase } from './create-database.ts';
export { EmbeddedPostgresError, type EmbeddedPostgresErrorCode } from './embedded/embedded-postgres-error.ts';
export { findFreePort } from './embedded/port.ts';
export {
  type RunningPostgres,
  type StartEmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './embedded/start-embedded-postgres.ts';
export { DomainError, type DomainErrorCode, isDomainError } from './errors.ts';
export {
  type AddIdentityInput,
  addIdentity,
  listIdentities,
  listManagedIdentities,
  type ManagedIdentity,
} from './identities.ts';
export { type MigrationState, migrateToLatest, migrationStatus } from './migrate.ts';
export { assertSlug, SLUG_PATTERN, SLUG_REDIRECT_DAYS, slugify } from './organization-slug.ts';
export {
  type CreatedOrganization,
  type CreateOrganizationInput,
  createOrganization,
  findDemoOrganization,
  findOrganizationByIngestKeyHash,
  getOrganization,
  type IngestOrganization,
  listOrganizations,
  rotateIngestApiKey,
} from './organizations.ts';
export { API_KEY_ENVIRONMENTS, type ApiKey, type ApiKeyEnvironment } from './schema/api-keys-table.ts';
export type { AuditLogAnchor, AuditLogRow } from './schema/audit-log-table.ts';
export {
  AWS_CONNECTION_STATUSES,
  type AwsConnection,
  type AwsConnectionStatus,
} from './schema/aws-connections-table.ts';
export { CHANNEL_PURPOSES, type Channel, type ChannelPurpose } from './schema/channels-table.ts';
export type { Database, DbExecutor } from './schema/database.ts';
export type { EmailChangeRequest } from './schema/email-change-requests-table.ts';
export { IDENTITY_KINDS, type Identity, type IdentityKind } from './schema/identities-table.ts';
export { INVITATION_STATUSES, type Invitation, type InvitationStatus } from './schema/invitations-table.ts';
export { type Membership, ROLES, type Role } from './schema/memberships-table.ts';
export {
  MFA_CHALLENGE_PURPOSES,
  type MfaChallenge,
  type MfaChallengePurpose,
} from './schema/mfa-challenges-table.ts';
export {
  MFA_CREDENTIAL_TYPES,
  type MfaCredential,
  type MfaCredentialType,
  type NewMfaCredential,
} from './schema/mfa-credentials-table.ts';
export type { MfaRecoveryCode } from './schema/mfa-recovery-codes-table.ts';
export { OAUTH_PROVIDERS, type OAuthAccount, type OAuthProvider } from './schema/oauth-accounts-table.ts';
export type { OrganizationLogo } from './schema/organization-logos-table.ts';
export type { OrganizationSlugHistory } from './schema/organization-slug-history-table.ts';
export type { Organization } from './schema/organizations-table.ts';
export { PLANS, type Plan, SESSION_TIMEOUTS, type SessionTimeout } from './schema/organizations-table.ts';
export {
  OWNERSHIP_TRANSFER_STATUSES,
  type OwnershipTransfer,
  type OwnershipTransferStatus,
} from './schema/ownership-transfers-table.ts';
export { SESSION_STAGES, type Session, type SessionStage } from './schema/sessions-table.ts';
export {
  type NewUser,
  THEMES,
  type Theme,
  type User,
  WEEK_STARTS,
  type WeekStart,
} from './schema/users-table.ts';
export { isUuid } from './validation.ts';
