import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addChannel,
  addIdentity,
  createOrganization,
  listAwsConnections,
  upsertAwsConnection,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test?.destroy();
});

const newOrgId = async () => (await createOrganization(test.db, { name: 'Repo Co' })).organization.id;

describe('channels', () => {
  it('explain which unique rule a new channel breaks', async () => {
    const organizationId = await newOrgId();
    await addChannel(test.db, { organizationId, name: 'News', configurationSet: 'news' });
    await expect(
      addChannel(test.db, { organizationId, name: 'News', configurationSet: 'other' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'channel name already exists',
    });
    await expect(
      addChannel(test.db, { organizationId, name: 'Other', configurationSet: 'news' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'configuration set is already used by another channel',
    });
  });

  it('validate input and the organization', async () => {
    const organizationId = await newOrgId();
    await expect(
      addChannel(test.db, { organizationId, name: 'X', configurationSet: 'has space' }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(
      addChannel(test.db, { organizationId, name: '', configurationSet: 'ok' }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(
      addChannel(test.db, { organizationId: randomUUID(), name: 'X', configurationSet: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'organization not found' });
  });
});

describe('identities', () => {
  it('are lower-cased and stored in punycode', async () => {
    const organizationId = await newOrgId();
    const email = await addIdentity(test.db, { organizationId, kind: 'email', value: ' Ops@Acme.DEV ' });
    const idn = await addIdentity(test.db, { organizationId, kind: 'domain', value: 'Bücher.example.' });
    expect(email).toMatchObject({ value: 'ops@acme.dev', kind: 'email', managed: true, channel_id: null });
    expect(idn.value).toBe('xn--bcher-kva.example');
  });

  it.each([
    ['domain', 'acme'],
    ['domain', 'ops@acme.dev'],
    ['domain', '-acme.dev'],
    ['email', 'acme.dev'],
    ['email', 'a b@acme.dev'],
    ['email', 'ops@acme'],
  ] as const)('reject %s %j', async (kind, value) => {
    await expect(
      addIdentity(test.db, { organizationId: await newOrgId(), kind, value }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
  });
});

describe('AWS connections', () => {
  it('upsert by (account, region), updating only the fields given', async () => {
    const organizationId = await newOrgId();
    const key = { organizationId, awsAccountId: '000123456789', region: 'eu-central-1' };
    const roleArn = 'arn:aws:iam::000123456789:role/SendOpsAccess';
    const created = await upsertAwsConnection(test.db, { ...key, roleArn, status: 'connecting' });
    expect(created).toMatchObject({
      aws_account_id: '000123456789',
      role_arn: roleArn,
      status: 'connecting',
    });

    const validatedAt = new Date('2026-11-23T10:00:00Z');
    const updated = await upsertAwsConnection(test.db, {
      ...key,
      status: 'connected',
      lastValidatedAt: validatedAt,
    });
    expect(updated).toMatchObject({
      id: created.id,
      role_arn: roleArn,
      status: 'connected',
      last_validated_at: validatedAt,
    });

    const touched = await upsertAwsConnection(test.db, key);
    expect(touched).toMatchObject({ id: created.id, status: 'connected' });
    expect(await listAwsConnections(test.db, organizationId)).toHaveLength(1);
  });

  it('reject malformed accounts, regions, statuses and foreign role ARNs', async () => {
    const organizationId = await newOrgId();
    const base = { organizationId, awsAccountId: '123456789012', region: 'us-east-1' };
    const attempts = [
      { ...base, awsAccountId: '1234' },
      { ...base, region: 'mars' },
      { ...base, status: 'happy' as never },
      { ...base, roleArn: 'not-an-arn' },
      { ...base, roleArn: 'arn:aws:iam::999999999999:role/SendOpsAccess' },
    ];
    for (const attempt of attempts) {
      await expect(upsertAwsConnection(test.db, attempt)).rejects.toMatchObject({ code: 'invalid' });
    }
  });
});
