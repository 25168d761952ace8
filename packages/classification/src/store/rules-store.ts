import type { DbExecutor } from '@sendops/db';
import { sql } from 'kysely';
import { defaultRuleSettings } from '../rules/profiles.ts';
import type { RuleSettings } from '../rules/rule-set.ts';
import { rulesVersion } from '../rules/rules-version.ts';
import { parseRuleSettings } from '../rules/validate-rules.ts';

export interface SavedRules {
  settings: RuleSettings;
  version: string;
  /** Null while the organization has never saved (Standard applies). */
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The organization's rules: the saved body, or the Standard profile when it never saved any. */
export async function loadRules(db: DbExecutor, organizationId: string): Promise<SavedRules> {
  const row = await db
    .selectFrom('undeliverable_rules')
    .select(['body', 'updated_at', 'updated_by'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  // Parsed again on read: a body saved by an older version gains the rules added since (off).
  const settings = row ? parseRuleSettings(row.body) : defaultRuleSettings();
  return {
    settings,
    version: rulesVersion(settings),
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

export async function storeRules(
  db: DbExecutor,
  organizationId: string,
  settings: RuleSettings,
  updatedBy: string | null,
): Promise<void> {
  const values = {
    organization_id: organizationId,
    body: JSON.stringify(settings),
    version: rulesVersion(settings),
    updated_by: updatedBy,
  };
  await db
    .insertInto('undeliverable_rules')
    .values(values)
    .onConflict((oc) =>
      oc.column('organization_id').doUpdateSet({
        body: values.body,
        version: values.version,
        updated_by: updatedBy,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
