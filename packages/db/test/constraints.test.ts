import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChannel, addIdentity, createOrganization, upsertAwsConnection } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test?.destroy();
});

const newOrg = async () => (await createOrganization(test.db, { name: 'Constraint Co' })).organization;

describe('control-plane constraints', () => {
  it('allow at most one default channel per organization', async () => {
    const org = await newOrg();
    const other = await newOrg();
    await addChannel(test.db, {
      organizationId: org.id,
      name: 'Main',
      configurationSet: 'main',
      isDefault: true,
    });
    await expect(
      addChannel(test.db, {
        organizationId: org.id,
        name: 'Second',
        configurationSet: 'second',
        isDefault: true,
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'organization already has a default channel' });
    // Non-default channels and other organizations' defaults are unaffected.
    await addChannel(test.db, { organizationId: org.id, name: 'Second', configurationSet: 'second' });
    await addChannel(test.db, {
      organizationId: other.id,
      name: 'Main',
      configurationSet: 'main',
      isDefault: true,
    });
  });

  it('keep identities unique per organization, whatever their case', async () => {
    const org = await newOrg();
    const other = await newOrg();
    await addIdentity(test.db, { organizationId: org.id, kind: 'domain', value: 'acme.dev' });
    await expect(
      addIdentity(test.db, { organizationId: org.id, kind: 'domain', value: 'ACME.dev' }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'identity already exists' });
    await addIdentity(test.db, { organizationId: other.id, kind: 'domain', value: 'acme.dev' });
  });

  it('delete every tenant row with its organization', async () => {
    const org = await newOrg();
    const channel = await addChannel(test.db, {
      organizationId: org.id,
      name: 'Main',
      configurationSet: 'main',
    });
    await addIdentity(test.db, {
      organizationId: org.id,
      kind: 'email',
      value: 'ops@acme.dev',
      channelId: channel.id,
    });
    await upsertAwsConnection(test.db, {
      organizationId: org.id,
      awsAccountId: '123456789012',
      region: 'eu-west-1',
    });

    await test.db.deleteFrom('organizations').where('id', '=', org.id).execute();

    for (const table of ['channels', 'identities', 'aws_connections'] as const) {
      const rows = await test.db
        .selectFrom(table)
        .select('id')
        .where('organization_id', '=', org.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
  });

  it('unlink identities, not delete them, when their channel goes', async () => {
    const org = await newOrg();
    const channel = await addChannel(test.db, {
      organizationId: org.id,
      name: 'Main',
      configurationSet: 'main',
    });
    const identity = await addIdentity(test.db, {
      organizationId: org.id,
      kind: 'domain',
      value: 'acme.dev',
      channelId: channel.id,
    });
    await test.db.deleteFrom('channels').where('id', '=', channel.id).execute();
    const row = await test.db
      .selectFrom('identities')
      .selectAll()
      .where('id', '=', identity.id)
      .executeTakeFirst();
    expect(row).toMatchObject({ organization_id: org.id, channel_id: null });
  });

  it("refuse an identity pointing at another organization's channel", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const foreign = await addChannel(test.db, {
      organizationId: other.id,
      name: 'Main',
      configurationSet: 'main',
    });
    await expect(
      addIdentity(test.db, {
        organizationId: org.id,
        kind: 'domain',
        value: 'acme.dev',
        channelId: foreign.id,
      }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'channel not found' });
  });

  it('reject malformed rows even when written without the repositories', async () => {
    const org = await newOrg();
    const insertConnection = (values: { aws_account_id: string; status?: string }) =>
      sql`insert into aws_connections (organization_id, aws_account_id, region, status)
          values (${org.id}, ${values.aws_account_id}, 'us-east-1', ${values.status ?? 'not_connected'})`.execute(
        test.db,
      );
    await expect(insertConnection({ aws_account_id: '12345' })).rejects.toMatchObject({
      code: '23514',
      constraint: 'aws_connections_aws_account_id_check',
    });
    await expect(insertConnection({ aws_account_id: '123456789012', status: 'happy' })).rejects.toMatchObject(
      {
        constraint: 'aws_connections_status_check',
      },
    );
    await expect(
      sql`insert into identities (organization_id, kind, value) values (${org.id}, 'domain', 'Acme.dev')`.execute(
        test.db,
      ),
    ).rejects.toMatchObject({ constraint: 'identities_value_lower_check' });
    await expect(
      sql`insert into channels (organization_id, name, configuration_set, purpose)
          values (${org.id}, 'x', 'x', 'spam')`.execute(test.db),
    ).rejects.toMatchObject({ constraint: 'channels_purpose_check' });
  });

  it('maintain updated_at on every update', async () => {
    const org = await newOrg();
    const before = org.updated_at;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await test.db
      .updateTable('organizations')
      .set({ name: 'Renamed' })
      .where('id', '=', org.id)
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    expect(after.updated_at.getTime()).toBeGreaterThan(before.getTime());
  });
});
