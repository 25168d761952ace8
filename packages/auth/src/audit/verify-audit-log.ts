import type { DbExecutor } from '@sendops/db';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { type AuditChainVerification, verifyAuditChain } from './verify-audit-chain.ts';

export async function verifyAuditLog(
  db: DbExecutor,
  context: OrganizationContext,
): Promise<AuditChainVerification> {
  requirePermission(context, 'audit.view');
  return verifyAuditChain(db, context.organizationId);
}
