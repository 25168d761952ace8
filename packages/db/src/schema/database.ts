import type { Kysely, Transaction } from 'kysely';
import type { AwsConnectionsTable } from './aws-connections-table.ts';
import type { ChannelsTable } from './channels-table.ts';
import type { IdentitiesTable } from './identities-table.ts';
import type { OrganizationsTable } from './organizations-table.ts';

export interface Database {
  organizations: OrganizationsTable;
  aws_connections: AwsConnectionsTable;
  channels: ChannelsTable;
  identities: IdentitiesTable;
}

/** Repositories accept either, so callers decide the transaction boundary. */
export type DbExecutor = Kysely<Database> | Transaction<Database>;
