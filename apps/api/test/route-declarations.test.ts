import { isPermission } from '@sendops/auth';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardRouteDeclarations } from '../src/http/route-guard.ts';
import { type Harness, startHarness } from './support/api-harness.ts';
import { isOrgRoute, isPublicApiRoute } from './support/sample-request.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// Routes anyone may call without a session: anything else public is a mistake until listed here.
const PUBLIC_ROUTES = [
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/api\/auth\//,
  /^\/api\/invitations\/:token/,
  /^\/api\/dev\//,
  // The public API's OpenAPI document: a description, no data (docs/public-api.md).
  /^\/v1\/openapi\.json$/,
];

describe('route declarations', () => {
  it('refuse to register a route that declares no permission', async () => {
    const app = Fastify();
    guardRouteDeclarations(app);
    app.get('/declared', { config: { permission: 'public' } }, async () => 'ok');
    expect(() => app.get('/undeclared', async () => 'oops')).toThrow(
      'GET /undeclared must declare config.permission',
    );
    await app.close();
  });

  it('every registered route declares an access that fits where it lives', () => {
    const routes = h.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const route of routes) {
      const where = `${route.method} ${route.url} (${route.permission})`;
      const { permission } = route;
      if (permission === 'public') {
        if (!PUBLIC_ROUTES.some((pattern) => pattern.test(route.url)))
          problems.push(`${where}: unexpected public route`);
      } else if (isPublicApiRoute(route)) {
        if (permission !== 'api_key' && !permission.startsWith('scope:'))
          problems.push(`${where}: /v1 needs an API key`);
      } else if (isOrgRoute(route)) {
        if (permission !== 'member' && !isPermission(permission))
          problems.push(`${where}: needs a permission`);
      } else if (permission !== 'authenticated' && permission !== 'mfa_pending') {
        problems.push(`${where}: a permission outside /api/orgs/:slug cannot be checked`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('give the contract routes this module owns the access docs/dashboard-api.md names', () => {
    const declared = Object.fromEntries(
      h.app.registeredRoutes.map((route) => [`${route.method} ${route.url}`, route.permission]),
    );
    expect(declared).toMatchObject({
      'GET /healthz': 'public',
      'GET /readyz': 'public',
      'GET /api/auth/providers': 'public',
      'POST /api/auth/signup': 'public',
      'POST /api/auth/signin': 'public',
      'POST /api/auth/signout': 'public',
      'GET /api/me': 'authenticated',
      'GET /api/orgs': 'authenticated',
      'POST /api/orgs': 'authenticated',
      'GET /api/orgs/:slug': 'member',
      'PATCH /api/orgs/:slug': 'org.settings.manage',
      'DELETE /api/orgs/:slug': 'org.delete',
      'POST /api/orgs/:slug/leave': 'member',
      'GET /api/orgs/:slug/api-keys': 'api_keys.view',
      'POST /api/orgs/:slug/api-keys': 'api_keys.manage',
      'DELETE /api/orgs/:slug/api-keys/:id': 'api_keys.manage',
      'GET /api/orgs/:slug/audit-log': 'audit.view',
      'GET /api/orgs/:slug/audit-log/verify': 'audit.view',
      'GET /v1/account': 'api_key',
    });
  });
});
