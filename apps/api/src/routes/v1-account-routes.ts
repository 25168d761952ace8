import type { RouteModule } from './route-module.ts';

/** The public API's smallest endpoint: proves bearer authentication end to end. */
export const v1AccountRoutes: RouteModule = (app) => {
  app.get('/v1/account', { config: { permission: 'api_key' } }, async (request) => {
    if (!request.apiKey) throw new Error('no API key on a /v1 route');
    const { apiKey, organization } = request.apiKey;
    return {
      organization,
      apiKey: { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes },
    };
  });
};
