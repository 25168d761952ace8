import { type ApiKeyEnvironment, type Database, DomainError } from '@sendops/db';
import type { Kysely } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { API_KEY_SCOPES, generatePublicApiKey } from './api-key-format.ts';
import { type ApiKeyView, apiKeyView } from './api-key-view.ts';

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  environment: ApiKeyEnvironment;
}

/** The key's secret is in this answer only; the database keeps its sha256. */
export interface CreatedApiKey {
  apiKey: ApiKeyView;
  secret: string;
}

function validScopes(scopes: string[]): string[] {
  const unique = [...new Set(scopes)];
  const unknown = unique.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new DomainError('invalid', `unknown scopes: ${unknown.join(', ')}`);
  if (unique.length === 0) throw new DomainError('invalid', 'scopes must name at least one scope');
  return unique;
}

export async function createApiKey(
  db: Kysely<Database>,
  context: OrganizationContext,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  requirePermission(context, 'api_keys.manage');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 64)
    throw new DomainError('invalid', 'name must be 1 to 64 characters');
  const scopes = validScopes(input.scopes);
  const generated = generatePublicApiKey(input.environment);
  return db.transaction().execute(async (trx) => {
    const key = await trx
      .insertInto('api_keys')
      .values({
        organization_id: context.organizationId,
        name,
        prefix: generated.prefix,
        key_hash: generated.hash,
        scopes,
        environment: input.environment,
        created_by_user_id: context.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEntry(trx, {
      organizationId: context.organizationId,
      actor: context.actor,
      resourceType: 'api_key',
      resourceId: key.id,
      operation: 'created',
      summary: `API key "${name}" (${key.prefix}…) created`,
      after: { name, prefix: key.prefix, scopes, environment: key.environment },
    });
    return {
      apiKey: apiKeyView(key, { name: context.actor.name, email: context.actor.email }),
      secret: generated.secret,
    };
  });
}
