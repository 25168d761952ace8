import { sql } from 'kysely';
import type { RouteModule } from './route-module.ts';

export const healthRoutes: RouteModule = (app, deps) => {
  app.get('/healthz', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { permission: 'public' } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', checks: { postgres: 'ok' } };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable', checks: { postgres: 'unreachable' } });
    }
  });
};
