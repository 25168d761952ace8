import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from './route-access.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RouteAccess;
  /** JSON schemas the route validates (tests build valid requests from them). */
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
}

/**
 * Deny by default: a route that does not say who may call it is a programming error, refused when it
 * is registered. Records every route with its access, so tests can walk all of them.
 */
export function guardRouteDeclarations(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (permission === undefined) {
      throw new Error(`route ${methods.join(',')} ${route.url} must declare config.permission`);
    }
    for (const method of methods) {
      // Fastify adds a HEAD twin to every GET; it shares the GET's config.
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        permission,
        schema: {
          body: route.schema?.body,
          querystring: route.schema?.querystring,
          params: route.schema?.params,
        },
      });
    }
  });
  return routes;
}
