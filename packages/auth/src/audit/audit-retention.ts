import type { Plan } from '@sendops/db';

/** team/audit-log: Free 7 days, Team 90, Business 1 year. Must match audit_log_prune_expired(). */
export const AUDIT_RETENTION_DAYS: Record<Plan, number> = { free: 7, team: 90, business: 365 };

export function auditRetentionDays(plan: Plan): number {
  return AUDIT_RETENTION_DAYS[plan];
}
