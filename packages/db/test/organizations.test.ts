import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  findDemoOrganization,
  findOrganizationByIngestKeyHash,
  getOrganization,
  hashApiKey,
  listOrganizations,
  rotateIngestApiKey,
  slugify,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test?.destroy();
});

const unique = (name: string) => `${name} ${randomBytes(3).toString('hex')}`;

describe('organizations', () => {
  it('are created with an ingest key whose hash finds them', async () => {
    const { organization, ingestApiKey } = await createOrganization(test.db, { name: unique('Acme') });
    expect(ingestApiKey).toMatch(/^sok_live_[0-9A-Za-z]{40}$/);
    expect(organization.ingest_key_prefix).toBe(ingestApiKey.slice(0, 13));
    expect(organization.ingest_key_hash).toBe(hashApiKey(ingestApiKey));
    expect(JSON.stringify(organization)).not.toContain(ingestApiKey);

    const found = await findOrganizationByIngestKeyHash(test.db, hashApiKey(ingestApiKey));
    expect(found).toEqual({
      id: organization.id,
      name: organization.name,
      ingest_key_hash: organization.ingest_key_hash,
      template_tag_names: ['sendops-template', 'template', 'template_name', 'templateName'],
      events_retention_days: 400,
    });
  });

  it('get defaults: an external id for the IAM trust policy, not demo', async () => {
    const { organization } = await createOrganization(test.db, { name: unique('Defaults') });
    expect(organization.external_id).toMatch(/^sendops-[0-9a-f]{32}$/);
    expect(organization.is_demo).toBe(false);
    expect(organization.created_at).toBeInstanceOf(Date);
    expect(await getOrganization(test.db, organization.id)).toEqual(organization);
  });

  it('derive a unique slug from the name', async () => {
    const name = unique('Café Crème, Inc.');
    const expected = name.toLowerCase().replace('café crème, inc.', 'cafe-creme-inc').replace(' ', '-');
    const first = await createOrganization(test.db, { name });
    const second = await createOrganization(test.db, { name });
    expect(first.organization.slug).toBe(expected);
    expect(second.organization.slug).toMatch(new RegExp(`^${expected}-[0-9a-f]{4}$`));
  });

  it('reject an explicit slug that is taken or malformed, and a bad name', async () => {
    const slug = `taken-${randomBytes(3).toString('hex')}`;
    await createOrganization(test.db, { name: 'One', slug });
    await expect(createOrganization(test.db, { name: 'Two', slug })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(createOrganization(test.db, { name: 'Two', slug: 'No Caps' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(createOrganization(test.db, { name: '   ' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(createOrganization(test.db, { name: 'x'.repeat(65) })).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('leave a slug alone while it redirects to the organization that gave it up (30 days)', async () => {
    const name = unique('Renamed Co');
    const slug = slugify(name);
    const { organization } = await createOrganization(test.db, { name: unique('Holder') });
    // What a rename leaves behind (updateOrganization in @sendops/auth).
    await test.db
      .insertInto('organization_slug_history')
      .values({ organization_id: organization.id, slug })
      .execute();

    const derived = await createOrganization(test.db, { name });
    expect(derived.organization.slug).toMatch(new RegExp(`^${slug}-[0-9a-f]{4}$`));
    await expect(createOrganization(test.db, { name, slug })).rejects.toMatchObject({ code: 'conflict' });

    await sql`update organization_slug_history set replaced_at = now() - interval '31 days' where slug = ${slug}`.execute(
      test.db,
    );
    expect((await createOrganization(test.db, { name, slug })).organization.slug).toBe(slug);
  });

  it('rotate the ingest key: the old one stops working at once', async () => {
    const { organization, ingestApiKey: oldKey } = await createOrganization(test.db, {
      name: unique('Rotate'),
    });
    const newKey = await rotateIngestApiKey(test.db, organization.id);
    expect(newKey).not.toBe(oldKey);
    expect(await findOrganizationByIngestKeyHash(test.db, hashApiKey(oldKey))).toBeUndefined();
    expect((await findOrganizationByIngestKeyHash(test.db, hashApiKey(newKey)))?.id).toBe(organization.id);
    const rotated = await getOrganization(test.db, organization.id);
    expect(rotated?.ingest_key_prefix).toBe(newKey.slice(0, 13));
    expect(rotated?.ingest_key_created_at.getTime()).toBeGreaterThanOrEqual(
      organization.ingest_key_created_at.getTime(),
    );
  });

  it('report not_found when rotating an unknown organization', async () => {
    await expect(rotateIngestApiKey(test.db, randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    await expect(rotateIngestApiKey(test.db, 'nope')).rejects.toMatchObject({ code: 'not_found' });
    expect(await getOrganization(test.db, 'nope')).toBeUndefined();
  });

  it('find the demo organization and list them all', async () => {
    const demo = await createOrganization(test.db, { name: unique('Demo'), isDemo: true });
    const regular = await createOrganization(test.db, { name: unique('Regular') });
    expect((await findDemoOrganization(test.db))?.is_demo).toBe(true);
    const ids = (await listOrganizations(test.db)).map((org) => org.id);
    expect(ids).toEqual(expect.arrayContaining([demo.organization.id, regular.organization.id]));
  });

  it('keep working inside a caller transaction when the derived slug clashes', async () => {
    const name = unique('Tx');
    await test.db.transaction().execute(async (trx) => {
      await createOrganization(trx, { name });
      const again = await createOrganization(trx, { name });
      expect(again.organization.slug).not.toBe(name);
    });
  });
});
