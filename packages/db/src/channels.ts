import { DomainError } from './errors.ts';
import { type ConstraintMessages, withConstraintMessages } from './pg-errors.ts';
import { CHANNEL_PURPOSES, type Channel, type ChannelPurpose } from './schema/channels-table.ts';
import type { DbExecutor } from './schema/database.ts';
import { assertUuid, requireName } from './validation.ts';

export interface AddChannelInput {
  organizationId: string;
  name: string;
  /** SES configuration-set name the channel's mail is sent with. */
  configurationSet: string;
  purpose?: ChannelPurpose;
  isDefault?: boolean;
}

const CONFIGURATION_SET = /^[A-Za-z0-9_-]{1,64}$/;

const constraintMessages: ConstraintMessages = {
  channels_name_key: ['conflict', 'channel name already exists'],
  channels_configuration_set_key: ['conflict', 'configuration set is already used by another channel'],
  channels_one_default_per_org: ['conflict', 'organization already has a default channel'],
  channels_organization_id_fkey: ['not_found', 'organization not found'],
};

export async function addChannel(db: DbExecutor, input: AddChannelInput): Promise<Channel> {
  assertUuid(input.organizationId, 'organizationId');
  const name = requireName(input.name, 'channel name');
  if (!CONFIGURATION_SET.test(input.configurationSet)) {
    throw new DomainError('invalid', 'configuration set name must be 1 to 64 letters, digits, _ or -');
  }
  const purpose = input.purpose ?? 'custom';
  if (!CHANNEL_PURPOSES.includes(purpose)) {
    throw new DomainError('invalid', `purpose must be one of ${CHANNEL_PURPOSES.join(', ')}`);
  }
  return withConstraintMessages(constraintMessages, () =>
    db
      .insertInto('channels')
      .values({
        organization_id: input.organizationId,
        name,
        configuration_set: input.configurationSet,
        purpose,
        is_default: input.isDefault ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** The organization's channels, default first. */
export async function listChannels(db: DbExecutor, organizationId: string): Promise<Channel[]> {
  assertUuid(organizationId, 'organizationId');
  return db
    .selectFrom('channels')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}
