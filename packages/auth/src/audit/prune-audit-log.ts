import type { DbExecutor } from '@sendops/db';
import { sql } from 'kysely';

/**
 * Removes entries older than each organization's plan retention through the database function that is
 * the only way rows leave the log; it records the last removed entry as the chain's anchor. Meant for a
 * periodic job. Returns how many entries were removed.
 */
export async function pruneExpiredAuditEntries(db: DbExecutor): Promise<number> {
  const organizations = await db.selectFrom('organizations').select('id').execute();
  let removed = 0;
  for (const { id } of organizations) {
    const { rows } = await sql<{ removed: string }>`select audit_log_prune_expired(${id}) as removed`.execute(
      db,
    );
    removed += Number(rows[0]?.removed ?? 0);
  }
  return removed;
}
