import { getMe } from '@sendops/auth';
import { sessionOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';

export const meRoutes: RouteModule = (app, deps) => {
  app.get('/api/me', { config: { permission: 'authenticated' } }, async (request) =>
    getMe(deps.db, sessionOf(request).user),
  );
};
