import { pruneExpiredAuditEntries } from '@sendops/auth';
import type { Database } from '@sendops/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';

/** Retention is counted in days: an hourly pass keeps the log within a day of its plan's window. */
export const AUDIT_RETENTION_SWEEP_INTERVAL_MS = 60 * 60_000;

export interface Sweep {
  stop(): Promise<void>;
}

/**
 * Removes audit entries past their plan's retention (team/audit-log) through the database's prune
 * function, which anchors the chain so it stays verifiable. Reads already hide them; this frees the
 * rows. A failed pass is logged and retried on the next tick.
 */
export function startAuditRetentionSweep(db: Kysely<Database>, logger: FastifyBaseLogger): Sweep {
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      const removed = await pruneExpiredAuditEntries(db);
      if (removed > 0) logger.info({ removed }, 'audit retention sweep');
    } catch (error) {
      logger.error({ err: error }, 'audit retention sweep failed');
    }
  };
  running = sweep();
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, AUDIT_RETENTION_SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
