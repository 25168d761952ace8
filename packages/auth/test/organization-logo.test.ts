import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  deleteOrganization,
  detectLogoType,
  getOrganizationLogo,
  LOGO_MAX_BYTES,
  listAuditEntries,
  type OrganizationContext,
  removeOrganizationLogo,
  setOrganizationLogo,
} from '../src/index.ts';
import { createOrganizationContext, useTestDatabase } from './database-fixture.ts';

const database = useTestDatabase();

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

const newOrganization = (role: OrganizationContext['role'] = 'owner') =>
  createOrganizationContext(database.db, 'Logo test', { role });

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('workspace logo', () => {
  it('recognises PNG, JPEG, WebP and GIF by their signature only', () => {
    expect(detectLogoType(PNG)).toBe('image/png');
    expect(detectLogoType(JPEG)).toBe('image/jpeg');
    expect(detectLogoType(GIF)).toBe('image/gif');
    expect(detectLogoType(WEBP)).toBe('image/webp');
    expect(detectLogoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectLogoType(Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(detectLogoType(Buffer.from('GIF8'))).toBeNull();
    expect(detectLogoType(Buffer.alloc(0))).toBeNull();
  });

  it('stores the detected type and hash, refusing other files and anything over 2 MB', async () => {
    const context = await newOrganization('org_admin');
    await expect(setOrganizationLogo(database.db, context, Buffer.from('%PDF-1.7'))).rejects.toMatchObject({
      code: 'invalid',
      message: 'the logo must be a PNG, JPEG, WebP or GIF image',
    });
    await expect(setOrganizationLogo(database.db, context, Buffer.alloc(0))).rejects.toMatchObject({
      code: 'invalid',
    });
    const tooBig = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES + 1 - PNG.length)]);
    await expect(setOrganizationLogo(database.db, context, tooBig)).rejects.toMatchObject({
      code: 'invalid',
      message: 'the logo must be at most 2 MB',
    });
    const atLimit = Buffer.concat([GIF, Buffer.alloc(LOGO_MAX_BYTES - GIF.length)]);
    expect(await setOrganizationLogo(database.db, context, atLimit)).toMatchObject({
      contentType: 'image/gif',
      size: LOGO_MAX_BYTES,
    });
    expect(await setOrganizationLogo(database.db, context, WEBP)).toMatchObject({
      contentType: 'image/webp',
    });
    const stored = await getOrganizationLogo(database.db, context.organizationId);
    expect(stored).toMatchObject({ content_type: 'image/webp', sha256: sha(WEBP), size: WEBP.length });
    expect(Buffer.compare(stored!.bytes, WEBP)).toBe(0);
  });

  it('refuses roles without org.settings.manage and the demo workspace', async () => {
    const viewer = await newOrganization('viewer');
    await expect(setOrganizationLogo(database.db, viewer, PNG)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeOrganizationLogo(database.db, viewer)).rejects.toMatchObject({ code: 'forbidden' });
    const demo = { ...(await newOrganization()), isDemo: true };
    await expect(setOrganizationLogo(database.db, demo, PNG)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getOrganizationLogo(database.db, viewer.organizationId)).toBeUndefined();
  });

  it('writes one audit entry per change, with size and hash but never the image', async () => {
    const context = await newOrganization();
    await setOrganizationLogo(database.db, context, PNG);
    await setOrganizationLogo(database.db, context, PNG); // the same file again changes nothing
    await setOrganizationLogo(database.db, context, JPEG);
    await removeOrganizationLogo(database.db, context);
    await removeOrganizationLogo(database.db, context); // nothing left to remove
    const { items } = await listAuditEntries(database.db, { ...context, role: 'owner' }, {});
    const logoEntries = items.filter((item) => item.summary.startsWith('Workspace logo'));
    expect(logoEntries.map((item) => [item.resourceType, item.operation, item.summary])).toEqual([
      ['settings', 'updated', 'Workspace logo removed'],
      ['settings', 'updated', 'Workspace logo replaced'],
      ['settings', 'updated', 'Workspace logo replaced'],
    ]);
    expect(logoEntries.map((item) => [item.before, item.after])).toEqual([
      [{ logo: { size: JPEG.length, sha256: sha(JPEG) } }, { logo: null }],
      [{ logo: { size: PNG.length, sha256: sha(PNG) } }, { logo: { size: JPEG.length, sha256: sha(JPEG) } }],
      [{ logo: null }, { logo: { size: PNG.length, sha256: sha(PNG) } }],
    ]);
    expect(await getOrganizationLogo(database.db, context.organizationId)).toBeUndefined();
  });

  it('goes with its organization when the organization is deleted', async () => {
    const context = await newOrganization();
    await setOrganizationLogo(database.db, context, PNG);
    await deleteOrganization(database.db, context, { confirmName: context.organizationName }, undefined);
    expect(await getOrganizationLogo(database.db, context.organizationId)).toBeUndefined();
  });
});
