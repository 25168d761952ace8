import { appendAuditEntry, type OrganizationContext, requirePermission } from '@sendops/auth';
import type { Database } from '@sendops/db';
import type { Kysely } from 'kysely';
import { profileSettings } from '../rules/profiles.ts';
import type { RuleSettings } from '../rules/rule-set.ts';
import { type RulesBody, rulesBody } from '../rules/rules-body.ts';
import { parseProfileName, parseRuleSettings } from '../rules/validate-rules.ts';
import { loadRules, storeRules } from '../store/rules-store.ts';

export interface RulesView extends RulesBody {
  /** Null while the organization runs on the Standard defaults it never saved. */
  updatedAt: string | null;
}

export async function getUndeliverableRules(
  db: Kysely<Database>,
  context: OrganizationContext,
): Promise<RulesView> {
  requirePermission(context, 'undeliverable.view');
  const saved = await loadRules(db, context.organizationId);
  return { ...rulesBody(saved.settings), updatedAt: saved.updatedAt?.toISOString() ?? null };
}

/** A save request: either a preset (`profile`) or the full rule body (`rules`). */
export interface SaveRulesInput {
  profile?: unknown;
  rules?: unknown;
}

/** The candidate settings of a save or preview request, validated. */
export function candidateSettings(input: SaveRulesInput): RuleSettings {
  if (input.rules !== undefined) return parseRuleSettings(input.rules);
  return profileSettings(parseProfileName(input.profile));
}

/**
 * Save rules (reports/classification-rules, "Saving and the audit trail"): persists the body, stamps the
 * version, and records before/after JSON with the operator in the audit log, in one transaction.
 */
export async function saveUndeliverableRules(
  db: Kysely<Database>,
  context: OrganizationContext,
  input: SaveRulesInput,
): Promise<RulesView> {
  requirePermission(context, 'undeliverable.configure');
  const settings = candidateSettings(input);
  return db.transaction().execute(async (trx) => {
    const before = await loadRules(trx, context.organizationId);
    await storeRules(trx, context.organizationId, settings, context.actor.userId);
    const after = rulesBody(settings);
    // The demo workspace keeps no audit log (docs/dashboard-api.md: every user can see it).
    if (!context.isDemo)
      await appendAuditEntry(trx, {
        organizationId: context.organizationId,
        actor: context.actor,
        resourceType: 'undeliverable_rules',
        resourceId: null,
        operation: 'updated',
        summary: `Classification rules saved (${after.profile}, version ${after.version})`,
        before: rulesBody(before.settings),
        after,
      });
    const saved = await loadRules(trx, context.organizationId);
    return { ...after, updatedAt: saved.updatedAt?.toISOString() ?? null };
  });
}
