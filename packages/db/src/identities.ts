import { normalizeIdentityValue } from './identity-value.ts';
import { type ConstraintMessages, withConstraintMessages } from './pg-errors.ts';
import type { DbExecutor } from './schema/database.ts';
import type { Identity, IdentityKind } from './schema/identities-table.ts';
import { assertUuid } from './validation.ts';

export interface AddIdentityInput {
  organizationId: string;
  kind: IdentityKind;
  value: string;
  channelId?: string | null;
  managed?: boolean;
}

/** The slice of an identity ingest needs to filter and route events. */
export interface ManagedIdentity {
  value: string;
  kind: IdentityKind;
  channel_id: string | null;
}

const constraintMessages: ConstraintMessages = {
  identities_value_key: ['conflict', 'identity already exists'],
  identities_organization_id_fkey: ['not_found', 'organization not found'],
  // The composite key also rejects another organization's channel, as "not found".
  identities_channel_fkey: ['not_found', 'channel not found'],
};

export async function addIdentity(db: DbExecutor, input: AddIdentityInput): Promise<Identity> {
  assertUuid(input.organizationId, 'organizationId');
  if (input.channelId) assertUuid(input.channelId, 'channelId');
  const value = normalizeIdentityValue(input.kind, input.value);
  return withConstraintMessages(constraintMessages, () =>
    db
      .insertInto('identities')
      .values({
        organization_id: input.organizationId,
        kind: input.kind,
        value,
        channel_id: input.channelId ?? null,
        managed: input.managed ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function listIdentities(db: DbExecutor, organizationId: string): Promise<Identity[]> {
  assertUuid(organizationId, 'organizationId');
  return db
    .selectFrom('identities')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('value')
    .execute();
}

export async function listManagedIdentities(
  db: DbExecutor,
  organizationId: string,
): Promise<ManagedIdentity[]> {
  assertUuid(organizationId, 'organizationId');
  return db
    .selectFrom('identities')
    .select(['value', 'kind', 'channel_id'])
    .where('organization_id', '=', organizationId)
    .where('managed', '=', true)
    .orderBy('value')
    .execute();
}
