import { pruneExpiredAuditEntries } from '@sendops/auth';
import { type PeriodicJob, startPeriodicJob } from '@sendops/config';
import type { Database } from '@sendops/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';

/** Retention is counted in days: an hourly pass keeps the log within a day of its plan's window. */
export const AUDIT_RETENTION_SWEEP_INTERVAL_MS = 60 * 60_000;

/**
 * Removes audit entries past their plan's retention (team/audit-log) through the database's prune
 * function, which anchors the chain so it stays verifiable. Reads already hide them; this frees the
 * rows. A failed pass is logged and retried on the next tick.
 */
export function startAuditRetentionSweep(db: Kysely<Database>, logger: FastifyBaseLogger): PeriodicJob {
  return startPeriodicJob({
    intervalMs: AUDIT_RETENTION_SWEEP_INTERVAL_MS,
    firstRun: 'at-start',
    run: async () => {
      const removed = await pruneExpiredAuditEntries(db);
      if (removed > 0) logger.info({ removed }, 'audit retention sweep');
    },
    onError: (error) => logger.error({ err: error }, 'audit retention sweep failed'),
  });
}
