import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { ApiAppDeps } from './api-deps.ts';
import { registerAccessHook } from './http/access-hook.ts';
import type { ApiApp } from './http/api-app.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { openApiOptions } from './http/openapi.ts';
import { guardRouteDeclarations, type RegisteredRoute } from './http/route-guard.ts';
import { routeModules } from './routes/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, in registration order. */
    registeredRoutes: RegisteredRoute[];
  }
}

const BODY_LIMIT_BYTES = 256 * 1024;

/** Builds the API without listening, so tests can `inject` and the launcher can listen. */
export async function buildApiApp(deps: ApiAppDeps): Promise<ApiApp> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    // The dashboard reaches us through Next's rewrite on the same host: its X-Forwarded-For names the
    // browser. Proxies elsewhere are not trusted, so clients cannot choose their rate-limit key.
    trustProxy: 'loopback',
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('registeredRoutes', guardRouteDeclarations(app));
  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // Before the routes: it collects their schemas as they are added (GET /v1/openapi.json).
  await app.register(fastifySwagger, openApiOptions);
  registerAccessHook(app, deps);
  for (const register of routeModules) await register(app, deps);
  return app;
}
