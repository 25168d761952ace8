import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../src/http/route-guard.ts';
import { type Client, call, type Harness, startHarness } from './support/api-harness.ts';
import {
  addMember,
  createApiKeyVia,
  idsOwnedBy,
  type OrgFixture,
  orgWithOwner,
  snapshotOrganization,
} from './support/org-fixtures.ts';
import {
  fillPath,
  isOrgRoute,
  isPublicApiRoute,
  pathParams,
  sampleBody,
  sampleQuery,
} from './support/sample-request.ts';

// Generic on purpose: it walks every registered route, so routes added later are covered without
// touching this file. With organization A's credentials, anything of organization B must answer
// exactly like something that does not exist, and B's data must not change.

let h: Harness;
let a: OrgFixture;
let b: OrgFixture;
let aKey: string;
let bIds: string[];
let bBefore: string;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function asA(route: RegisteredRoute, url: string): Promise<LightMyRequestResponse> {
  const body = UNSAFE.has(route.method) ? (sampleBody(route) ?? undefined) : undefined;
  if (isPublicApiRoute(route)) {
    return h.app.inject({
      method: route.method as 'GET',
      url,
      headers: { authorization: `Bearer ${aKey}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }
  return call(h.app, a.owner, route.method, url, body);
}

/** Status and body, with the probing value masked: messages may echo what was asked for. */
function answer(response: LightMyRequestResponse, probe: string) {
  return { status: response.statusCode, body: response.body.split(probe).join('<probe>') };
}

/** Creates B's resources through every organization-scoped write route, as B's owner would. */
async function populate(owner: Client, slug: string) {
  for (const route of h.app.registeredRoutes) {
    if (!isOrgRoute(route) || !['POST', 'PUT', 'PATCH'].includes(route.method)) continue;
    if (/leave|accept|decline|delete/.test(route.url)) continue;
    await call(
      h.app,
      owner,
      route.method,
      fillPath(route.url, { slug }) + sampleQuery(route),
      sampleBody(route),
    );
  }
}

beforeAll(async () => {
  h = await startHarness();
  a = await orgWithOwner(h.app, h.test.db);
  b = await orgWithOwner(h.app, h.test.db);
  aKey = (await createApiKeyVia(h.app, a.owner, a.slug)).secret;
  await createApiKeyVia(h.app, b.owner, b.slug);
  await addMember(h.app, h.test.db, b, 'developer');
  await h.test.db
    .insertInto('invitations')
    .values({
      organization_id: b.id,
      email: 'invitee@example.com',
      role: 'viewer',
      token_hash: randomBytes(32).toString('hex'),
      invited_by_user_id: b.owner.userId,
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  await populate(b.owner, b.slug);
  bIds = await idsOwnedBy(h.test.db, b.id);
  bBefore = await snapshotOrganization(h.test.db, b.id);
});
afterAll(async () => {
  await h?.close();
});

describe('tenant isolation', () => {
  it('has organization B populated with ids of several kinds to probe with', () => {
    expect(bIds.length).toBeGreaterThanOrEqual(5);
  });

  it("answers 404 for organization B's slug, exactly as for a slug that does not exist", async () => {
    const routes = h.app.registeredRoutes.filter(isOrgRoute);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      const others = Object.fromEntries(pathParams(route.url).map((name) => [name, randomUUID()]));
      const missingSlug = `no-such-org-${randomBytes(3).toString('hex')}`;
      const leak = await asA(route, fillPath(route.url, { ...others, slug: b.slug }) + sampleQuery(route));
      const none = await asA(
        route,
        fillPath(route.url, { ...others, slug: missingSlug }) + sampleQuery(route),
      );
      expect(leak.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(answer(leak, b.slug), `${route.method} ${route.url}`).toEqual(answer(none, missingSlug));
    }
  });

  it("answers for organization B's ids under A's own slug (and on /v1) exactly as for ids that do not exist", async () => {
    const routes = h.app.registeredRoutes.filter(
      (route) => pathParams(route.url).some((name) => name !== 'slug') && route.permission !== 'public',
    );
    let probes = 0;
    for (const route of routes) {
      const params = pathParams(route.url).filter((name) => name !== 'slug');
      const nonexistent = randomUUID();
      const baselineValues = Object.fromEntries(params.map((name) => [name, nonexistent]));
      const baseline = await asA(
        route,
        fillPath(route.url, { ...baselineValues, slug: a.slug }) + sampleQuery(route),
      );
      for (const id of bIds) {
        const values = Object.fromEntries(params.map((name) => [name, id]));
        const probe = await asA(route, fillPath(route.url, { ...values, slug: a.slug }) + sampleQuery(route));
        expect(answer(probe, id), `${route.method} ${route.url} with ${id}`).toEqual(
          answer(baseline, nonexistent),
        );
        probes++;
      }
    }
    expect(probes).toBeGreaterThan(0);
  });

  it("gives A's API key A's account only", async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/v1/account',
      headers: { authorization: `Bearer ${aKey}` },
    });
    expect(response.json().organization).toEqual({ id: a.id, name: expect.any(String), slug: a.slug });
    for (const route of h.app.registeredRoutes.filter(isPublicApiRoute)) {
      if (pathParams(route.url).length > 0) continue;
      const body = (await asA(route, route.url + sampleQuery(route))).body;
      expect(body).not.toContain(b.id);
      expect(body).not.toContain(b.slug);
    }
  });

  it("left organization B's data unchanged through all of the above", async () => {
    expect(await snapshotOrganization(h.test.db, b.id)).toBe(bBefore);
  });
});
