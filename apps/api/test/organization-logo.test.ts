import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
let org: OrgFixture;
let other: OrgFixture;
let viewer: Client;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(32)]);
const GIF = Buffer.concat([Buffer.from('GIF87a'), randomBytes(16)]);

/** The raw image as the body, as the dashboard's upload sends it. */
function upload(
  client: Client,
  slug: string,
  body: Buffer,
  contentType: string,
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method: 'PUT',
    url: `/api/orgs/${slug}/logo`,
    headers: { 'content-type': contentType, 'x-csrf-token': client.csrf },
    cookies: { sendops_session: client.session, sendops_csrf: client.csrf },
    payload: body,
  });
}

function getLogo(client: Client, slug: string, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'GET',
    url: `/api/orgs/${slug}/logo`,
    headers,
    cookies: { sendops_session: client.session, sendops_csrf: client.csrf },
  });
}

beforeAll(async () => {
  h = await startHarness();
  org = await orgWithOwner(h.app, h.test.db);
  other = await orgWithOwner(h.app, h.test.db);
  viewer = await addMember(h.app, h.test.db, org, 'viewer');
});
afterAll(async () => {
  await h?.close();
});

describe('workspace logo over HTTP', () => {
  it('has none at first: 404 and logoUrl null', async () => {
    expect((await getLogo(org.owner, org.slug)).statusCode).toBe(404);
    expect((await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}`)).json().logoUrl).toBeNull();
  });

  it('uploads, serves with ETag and caching (304 when unchanged), replaces and removes', async () => {
    const put = await upload(org.owner, org.slug, PNG, 'image/png');
    expect(put.statusCode).toBe(200);
    const logoUrl: string = put.json().logoUrl;
    expect(logoUrl).toMatch(new RegExp(`^/api/orgs/${org.slug}/logo\\?v=[0-9a-f]{16}$`));
    expect((await call(h.app, viewer, 'GET', `/api/orgs/${org.slug}`)).json().logoUrl).toBe(logoUrl);
    const me = (await call(h.app, viewer, 'GET', '/api/me')).json();
    expect(me.organizations.find((o: { slug: string }) => o.slug === org.slug).logoUrl).toBe(logoUrl);

    const got = await getLogo(viewer, org.slug);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toBe('private, max-age=300');
    expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
    const etag = got.headers.etag as string;
    const cached = await getLogo(viewer, org.slug, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');

    // The client's declared type does not matter: the bytes say GIF.
    const replaced = await upload(org.owner, org.slug, GIF, 'image/png');
    expect(replaced.json()).toMatchObject({ contentType: 'image/gif', size: GIF.length });
    expect(replaced.json().logoUrl).not.toBe(logoUrl);
    const after = await getLogo(viewer, org.slug, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers['content-type']).toBe('image/gif');

    expect((await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}/logo`)).statusCode).toBe(204);
    expect((await getLogo(viewer, org.slug)).statusCode).toBe(404);
    expect((await call(h.app, viewer, 'GET', `/api/orgs/${org.slug}`)).json().logoUrl).toBeNull();
  });

  it('refuses files that are not images, with a JSON error, whatever the content type says', async () => {
    const svg = await upload(
      org.owner,
      org.slug,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/png',
    );
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error).toEqual({
      code: 'invalid',
      message: 'the logo must be a PNG, JPEG, WebP or GIF image',
    });
    const unsupported = await upload(org.owner, org.slug, Buffer.from('<svg/>'), 'image/svg+xml');
    expect(unsupported.statusCode).toBe(415);
    expect(unsupported.json().error.code).toBe('invalid');
    const empty = await call(h.app, org.owner, 'PUT', `/api/orgs/${org.slug}/logo`);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('invalid');
  });

  it('answers 413 with a JSON error for a file far over 2 MB', async () => {
    const huge = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]);
    const response = await upload(org.owner, org.slug, huge, 'image/png');
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('too_large');
    const justOver = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 1 - PNG.length)]);
    const over = await upload(org.owner, org.slug, justOver, 'image/png');
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toBe('the logo must be at most 2 MB');
  });

  it('lets a Viewer see but not change the logo', async () => {
    const denied = await upload(viewer, org.slug, PNG, 'image/png');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect((await call(h.app, viewer, 'DELETE', `/api/orgs/${org.slug}/logo`)).statusCode).toBe(403);
  });

  it("answers 404 for another organization's logo, set or not", async () => {
    expect((await upload(other.owner, other.slug, PNG, 'image/png')).statusCode).toBe(200);
    expect((await getLogo(org.owner, other.slug)).statusCode).toBe(404);
    expect((await upload(org.owner, other.slug, GIF, 'image/gif')).statusCode).toBe(404);
    expect((await call(h.app, org.owner, 'DELETE', `/api/orgs/${other.slug}/logo`)).statusCode).toBe(404);
    const still = await getLogo(other.owner, other.slug);
    expect(Buffer.compare(still.rawPayload, PNG)).toBe(0);
  });
});
