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
export {
  AWS_CONNECTION_STATUSES,
  type AwsConnection,
  type AwsConnectionStatus,
} from './schema/aws-connections-table.ts';
export { CHANNEL_PURPOSES, type Channel, type ChannelPurpose } from './schema/channels-table.ts';
export type { Database, DbExecutor } from './schema/database.ts';
export { IDENTITY_KINDS, type Identity, type IdentityKind } from './schema/identities-table.ts';
export type { Organization } from './schema/organizations-table.ts';
