import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

export const apiKeyRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/api-keys',
    { config: { permission: 'api_keys.view' }, schema: { params: Slug } },
    async (request) => ({
      items: await listApiKeys(deps.db, organizationOf(request).context),
      nextCursor: null,
    }),
  );

  app.post(
    '/api/orgs/:slug/api-keys',
    {
      config: { permission: 'api_keys.manage' },
      schema: {
        params: Slug,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 64 }),
          scopes: Type.Array(Type.Union(API_KEY_SCOPES.map((scope) => Type.Literal(scope))), {
            minItems: 1,
            maxItems: API_KEY_SCOPES.length,
          }),
          environment: Type.Union([Type.Literal('live'), Type.Literal('test')]),
        }),
      },
    },
    async (request, reply) => {
      const created = await createApiKey(deps.db, organizationOf(request).context, request.body);
      // The secret is in this answer only: keep it out of any cache.
      void reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/orgs/:slug/api-keys/:id',
    {
      config: { permission: 'api_keys.manage' },
      schema: {
        params: Type.Object({ slug: Type.String({ maxLength: 64 }), id: Type.String({ maxLength: 64 }) }),
      },
    },
    async (request, reply) => {
      await revokeApiKey(deps.db, organizationOf(request).context, request.params.id);
      return reply.code(204).send();
    },
  );
};
