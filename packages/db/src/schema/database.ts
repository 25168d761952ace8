import type { Kysely, Transaction } from 'kysely';
import type { ApiKeysTable } from './api-keys-table.ts';
import type { AuditLogAnchorsTable, AuditLogTable } from './audit-log-table.ts';
import type { AwsConnectionsTable } from './aws-connections-table.ts';
import type { ChannelsTable } from './channels-table.ts';
import type { EmailChangeRequestsTable } from './email-change-requests-table.ts';
import type { IdentitiesTable } from './identities-table.ts';
import type { InvitationsTable } from './invitations-table.ts';
import type { MembershipsTable } from './memberships-table.ts';
import type { MfaChallengesTable } from './mfa-challenges-table.ts';
import type { MfaCredentialsTable } from './mfa-credentials-table.ts';
import type { MfaRecoveryCodesTable } from './mfa-recovery-codes-table.ts';
import type { OAuthAccountsTable } from './oauth-accounts-table.ts';
import type { OrganizationLogosTable } from './organization-logos-table.ts';
import type { OrganizationSlugHistoryTable } from './organization-slug-history-table.ts';
import type { OrganizationsTable } from './organizations-table.ts';
import type { OwnershipTransfersTable } from './ownership-transfers-table.ts';
import type { SessionsTable } from './sessions-table.ts';
import type { UndeliverableExclusionsTable, UndeliverableRulesTable } from './undeliverable-tables.ts';
import type { UsersTable } from './users-table.ts';

export interface Database {
  organizations: OrganizationsTable;
  aws_connections: AwsConnectionsTable;
  channels: ChannelsTable;
  identities: IdentitiesTable;
  organization_slug_history: OrganizationSlugHistoryTable;
  users: UsersTable;
  sessions: SessionsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  ownership_transfers: OwnershipTransfersTable;
  api_keys: ApiKeysTable;
  mfa_credentials: MfaCredentialsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  oauth_accounts: OAuthAccountsTable;
  email_change_requests: EmailChangeRequestsTable;
  audit_log: AuditLogTable;
  audit_log_anchors: AuditLogAnchorsTable;
  undeliverable_rules: UndeliverableRulesTable;
  undeliverable_exclusions: UndeliverableExclusionsTable;
  organization_logos: OrganizationLogosTable;
}

/** Repositories accept either, so callers decide the transaction boundary. */
export type DbExecutor = Kysely<Database> | Transaction<Database>;
