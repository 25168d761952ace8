import {
  createOrganizationForUser,
  deleteOrganization,
  getOrganizationLogoSha,
  leaveOrganization,
  listUserOrganizations,
  organizationView,
  updateOrganization,
} from '@sendops/auth';
import { isDomainError, SESSION_TIMEOUTS } from '@sendops/db';
import { Type } from '@sinclair/typebox';
import { organizationOf, sessionOf } from '../http/api-app.ts';
import { ApiHttpError } from '../http/api-http-error.ts';
import { clearSessionCookies } from '../http/cookies.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

function actorOf(user: { id: string; name: string; email: string }) {
  return { userId: user.id, name: user.name, email: user.email };
}

export const orgRoutes: RouteModule = (app, deps) => {
  const secure = deps.config.publicUrl.startsWith('https:');

  app.get('/api/orgs', { config: { permission: 'authenticated' } }, async (request) => ({
    items: await listUserOrganizations(deps.db, sessionOf(request).user.id),
    nextCursor: null,
  }));

  app.post(
    '/api/orgs',
    {
      config: { permission: 'authenticated' },
      schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }) },
    },
    async (request, reply) => {
      const organization = await createOrganizationForUser(
        deps.db,
        actorOf(sessionOf(request).user),
        request.body,
      );
      return reply.code(201).send({ organization: organizationView(organization, 'owner') });
    },
  );

  app.get(
    '/api/orgs/:slug',
    { config: { permission: 'member' }, schema: { params: Slug } },
    async (request) => {
      const { organization, context } = organizationOf(request);
      return organizationView(
        organization,
        context.role,
        await getOrganizationLogoSha(deps.db, organization.id),
      );
    },
  );

  app.patch(
    '/api/orgs/:slug',
    {
      config: { permission: 'org.settings.manage' },
      schema: {
        params: Slug,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            slug: Type.Optional(Type.String({ minLength: 3, maxLength: 48 })),
            sessionTimeout: Type.Optional(Type.Union(SESSION_TIMEOUTS.map((value) => Type.Literal(value)))),
            mfaEnforced: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { context } = organizationOf(request);
      const updated = await updateOrganization(deps.db, context, request.body);
      // The logo's URL names the slug, so it follows a slug change.
      return organizationView(updated, context.role, await getOrganizationLogoSha(deps.db, updated.id));
    },
  );

  app.delete(
    '/api/orgs/:slug',
    {
      config: { permission: 'org.delete' },
      schema: { params: Slug, body: Type.Object({ confirmName: Type.String({ maxLength: 200 }) }) },
    },
    async (request, reply) => {
      try {
        await deleteOrganization(
          deps.db,
          organizationOf(request).context,
          request.body,
          deps.deleteOrganizationEvents,
        );
      } catch (error) {
        if (isDomainError(error)) throw error;
        // Typically ClickHouse refusing the events deletion: the transaction rolled back, nothing is gone.
        request.log.error({ err: error }, 'organization deletion failed');
        throw new ApiHttpError(
          503,
          'unavailable',
          'the organization could not be deleted now, nothing was removed; retry',
        );
      }
      // Deletion revokes every member's sessions, the caller's included (team/account-settings).
      clearSessionCookies(reply, secure);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/orgs/:slug/leave',
    { config: { permission: 'member' }, schema: { params: Slug } },
    async (request, reply) => {
      await leaveOrganization(deps.db, organizationOf(request).context);
      return reply.code(204).send();
    },
  );
};
