import { Type } from '@sinclair/typebox';
import type { RouteModule } from './route-module.ts';
import { V1_ERRORS } from './v1-common-schemas.ts';

const AccountSchema = Type.Object({
  organization: Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() }),
  apiKey: Type.Object({
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String(),
    scopes: Type.Array(Type.String()),
  }),
});

/** The public API's smallest endpoint: proves bearer authentication end to end. */
export const v1AccountRoutes: RouteModule = (app) => {
  app.get(
    '/v1/account',
    {
      config: { permission: 'api_key' },
      schema: {
        tags: ['Account'],
        summary: 'The organization and key of the bearer key',
        response: { 200: AccountSchema, ...V1_ERRORS },
      },
    },
    async (request) => {
      if (!request.apiKey) throw new Error('no API key on a /v1 route');
      const { apiKey, organization } = request.apiKey;
      return {
        organization: { id: organization.id, name: organization.name, slug: organization.slug },
        apiKey: { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes },
      };
    },
  );
};
