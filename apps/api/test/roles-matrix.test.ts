import { randomUUID } from 'node:crypto';
import { hasPermission, isPermission } from '@sendops/auth';
import { ROLES, type Role } from '@sendops/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';
import { fillPath, isOrgRoute, pathParams, sampleBody, sampleQuery } from './support/sample-request.ts';

// Every organization-scoped route that names a permission, called by a member of each role: 403
// `forbidden` exactly where the matrix denies, never where it grants. Generic over the registered routes.

let h: Harness;
let org: OrgFixture;
const members = new Map<Role, Client>();

beforeAll(async () => {
  h = await startHarness();
  // Business plan: plan limits (e.g. Free's single seat) must not be mistaken for role denials.
  org = await orgWithOwner(h.app, h.test.db, 'business');
  members.set('owner', org.owner);
  for (const role of ROLES) {
    if (role !== 'owner') members.set(role, await addMember(h.app, h.test.db, org, role));
  }
});
afterAll(async () => {
  await h?.close();
});

describe('roles × routes', () => {
  it('deny exactly what the permission matrix denies', async () => {
    const routes = h.app.registeredRoutes.filter(
      (route) => isOrgRoute(route) && isPermission(route.permission),
    );
    expect(routes.length).toBeGreaterThan(5);
    const mismatches: string[] = [];
    for (const route of routes) {
      const permission = route.permission;
      if (!isPermission(permission)) continue;
      for (const role of ROLES) {
        const ids = Object.fromEntries(pathParams(route.url).map((name) => [name, randomUUID()]));
        const response = await call(
          h.app,
          members.get(role),
          route.method,
          fillPath(route.url, { ...ids, slug: org.slug }) + sampleQuery(route),
          sampleBody(route),
        );
        const denied = response.statusCode === 403 && response.json().error?.code === 'forbidden';
        if (denied === hasPermission(role, permission)) {
          mismatches.push(
            `${role} ${route.method} ${route.url} (${permission}): ${response.statusCode} ${response.body}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('let every member read the organization and its audit log, as the spec says', async () => {
    for (const role of ROLES) {
      const member = members.get(role);
      expect((await call(h.app, member, 'GET', `/api/orgs/${org.slug}`)).json().role).toBe(role);
      expect((await call(h.app, member, 'GET', `/api/orgs/${org.slug}/audit-log`)).statusCode).toBe(200);
    }
  });
});
