import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addChannel,
  addIdentity,
  createOrganization,
  listAwsConnections,
  listChannels,
  listIdentities,
  listManagedIdentities,
  type Organization,
  upsertAwsConnection,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let test: TestDatabase;
let orgA: Organization;
let orgB: Organization;

// Both organizations get rows with the same names and values, so only the organization_id filter
// tells them apart.
async function seed(org: Organization): Promise<void> {
  const channel = await addChannel(test.db, {
    organizationId: org.id,
    name: 'Transactional',
    configurationSet: 'tx',
    purpose: 'transactional',
    isDefault: true,
  });
  await addChannel(test.db, { organizationId: org.id, name: 'Marketing', configurationSet: 'mkt' });
  await addIdentity(test.db, {
    organizationId: org.id,
    kind: 'domain',
    value: 'shared.dev',
    channelId: channel.id,
  });
  await addIdentity(test.db, {
    organizationId: org.id,
    kind: 'email',
    value: 'old@shared.dev',
    managed: false,
  });
  await upsertAwsConnection(test.db, {
    organizationId: org.id,
    awsAccountId: '123456789012',
    region: 'us-east-1',
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  orgA = (await createOrganization(test.db, { name: 'Tenant A' })).organization;
  orgB = (await createOrganization(test.db, { name: 'Tenant B' })).organization;
  await seed(orgA);
  await seed(orgB);
});
afterAll(async () => {
  await test?.destroy();
});

describe('tenant scoping', () => {
  it.each([
    ['listChannels', listChannels],
    ['listIdentities', listIdentities],
    ['listAwsConnections', listAwsConnections],
  ] as const)('%s returns only the organization’s own rows', async (_name, list) => {
    for (const [org, other] of [
      [orgA, orgB],
      [orgB, orgA],
    ] as const) {
      const rows = await list(test.db, org.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.organization_id === org.id)).toBe(true);
      expect(rows.some((row) => row.organization_id === other.id)).toBe(false);
    }
  });

  it('lists channels default first', async () => {
    const channels = await listChannels(test.db, orgA.id);
    expect(channels.map((c) => [c.name, c.is_default, c.purpose])).toEqual([
      ['Transactional', true, 'transactional'],
      ['Marketing', false, 'custom'],
    ]);
  });

  it("lists managed identities with their own organization's channel only", async () => {
    const managed = await listManagedIdentities(test.db, orgA.id);
    const [channel] = await listChannels(test.db, orgA.id);
    expect(managed).toEqual([{ value: 'shared.dev', kind: 'domain', channel_id: channel?.id }]);
  });

  it('rejects a malformed organization id instead of querying', async () => {
    await expect(listChannels(test.db, "' or 1=1 --")).rejects.toMatchObject({ code: 'invalid' });
  });
});
