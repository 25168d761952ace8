import type { Database, OwnershipTransferStatus } from '@sendops/db';
import type { MailLogo, OwnershipTransferMailInput } from '@sendops/mail';
import type { Kysely, Transaction } from 'kysely';
import type { TeamMailer } from './team-deps.ts';

/** "The target has 72 hours to accept the transfer" (team/members-and-roles). */
export const OWNERSHIP_TRANSFER_TTL_MS = 72 * 60 * 60 * 1000;

export interface TransferParty {
  userId: string;
  name: string;
  email: string;
}

/** `GET /api/orgs/:slug/ownership-transfer`'s `transfer`. */
export interface OwnershipTransferView {
  id: string;
  to: TransferParty;
  from: TransferParty;
  createdAt: string;
  expiresAt: string;
}

export interface TransferRecord {
  id: string;
  organizationId: string;
  status: OwnershipTransferStatus;
  createdAt: Date;
  expiresAt: Date;
  from: TransferParty;
  to: TransferParty;
}

/** Transfers with both parties' names, always scoped by the caller to one organization or one id. */
export function selectTransfers(db: Kysely<Database> | Transaction<Database>) {
  return db
    .selectFrom('ownership_transfers as t')
    .innerJoin('users as f', 'f.id', 't.from_user_id')
    .innerJoin('users as r', 'r.id', 't.to_user_id')
    .select([
      't.id',
      't.organization_id',
      't.status',
      't.created_at',
      't.expires_at',
      'f.id as from_id',
      'f.name as from_name',
      'f.email as from_email',
      'r.id as to_id',
      'r.name as to_name',
      'r.email as to_email',
    ]);
}

type TransferRow = {
  id: string;
  organization_id: string;
  status: OwnershipTransferStatus;
  created_at: Date;
  expires_at: Date | string;
  from_id: string;
  from_name: string;
  from_email: string;
  to_id: string;
  to_name: string;
  to_email: string;
};

export function transferRecord(row: TransferRow): TransferRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: new Date(row.expires_at),
    from: { userId: row.from_id, name: row.from_name, email: row.from_email },
    to: { userId: row.to_id, name: row.to_name, email: row.to_email },
  };
}

export function transferView(transfer: TransferRecord): OwnershipTransferView {
  return {
    id: transfer.id,
    from: transfer.from,
    to: transfer.to,
    createdAt: transfer.createdAt.toISOString(),
    expiresAt: transfer.expiresAt.toISOString(),
  };
}

export function transferMailInput(
  mailer: TeamMailer,
  organization: { name: string; slug: string },
  transfer: TransferRecord,
  logo: MailLogo | null = null,
): OwnershipTransferMailInput {
  return {
    publicUrl: mailer.publicUrl,
    organizationName: organization.name,
    organizationSlug: organization.slug,
    from: transfer.from,
    to: transfer.to,
    expiresAt: transfer.expiresAt,
    logo,
  };
}

/** The organization's pending transfer, locked for the transaction (the organization row is locked first). */
export async function lockPendingTransfer(
  trx: Transaction<Database>,
  organizationId: string,
): Promise<TransferRecord | undefined> {
  const row = await selectTransfers(trx)
    .where('t.organization_id', '=', organizationId)
    .where('t.status', '=', 'pending')
    .forUpdate('t')
    .executeTakeFirst();
  return row ? transferRecord(row) : undefined;
}
