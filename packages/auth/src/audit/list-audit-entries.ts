import { type DbExecutor, DomainError } from '@sendops/db';
import { sql } from 'kysely';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { auditRetentionDays } from './audit-retention.ts';

export interface AuditLogFilters {
  resourceType?: string;
  operation?: string;
  /** Case-insensitive substring of the actor's name or email. */
  actor?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditEntry {
  id: string;
  sequence: number;
  occurredAt: string;
  actor: { name: string | null; email: string | null } | null;
  resourceType: string;
  resourceId: string | null;
  operation: string;
  summary: string;
  before: unknown;
  after: unknown;
  note: string | null;
}

export interface AuditLogPage {
  items: AuditEntry[];
  nextCursor: string | null;
  retentionDays: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

function decodeCursor(cursor: string): string {
  const sequence = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9][0-9]{0,17}$/.test(sequence)) throw new DomainError('invalid', 'cursor is not valid');
  return sequence;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first, filters combined with AND (team/audit-log), nothing older than the plan's retention. */
export async function listAuditEntries(
  db: DbExecutor,
  context: OrganizationContext,
  filters: AuditLogFilters,
): Promise<AuditLogPage> {
  requirePermission(context, 'audit.view');
  const organization = await db
    .selectFrom('organizations')
    .select('plan')
    .where('id', '=', context.organizationId)
    .executeTakeFirstOrThrow();
  const retentionDays = auditRetentionDays(organization.plan);
  const limit = Math.min(Math.max(filters.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);

  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('organization_id', '=', context.organizationId)
    .where('occurred_at', '>=', sql<Date>`now() - make_interval(days => ${retentionDays})`);
  if (filters.resourceType) query = query.where('resource_type', '=', filters.resourceType);
  if (filters.operation) query = query.where('operation', '=', filters.operation);
  const actor = filters.actor?.trim();
  if (actor) {
    const pattern = likePattern(actor);
    query = query.where((eb) =>
      eb.or([eb('actor_name', 'ilike', pattern), eb('actor_email', 'ilike', pattern)]),
    );
  }
  if (filters.cursor) query = query.where('sequence', '<', decodeCursor(filters.cursor));
  const rows = await query
    .orderBy('sequence', 'desc')
    .limit(limit + 1)
    .execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      sequence: Number(row.sequence),
      occurredAt: row.occurred_at.toISOString(),
      actor:
        row.actor_name === null && row.actor_email === null
          ? null
          : { name: row.actor_name, email: row.actor_email },
      resourceType: row.resource_type,
      resourceId: row.resource_id,
      operation: row.operation,
      summary: row.summary,
      before: row.before ?? null,
      after: row.after ?? null,
      note: row.note,
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(last.sequence, 'utf8').toString('base64url') : null,
    retentionDays,
  };
}
