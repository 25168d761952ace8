import { OPENAPI_PATH } from '../http/openapi.ts';
import type { RouteModule } from './route-module.ts';

/** The public API's OpenAPI 3 document, generated from the `/v1` route schemas; public, like a README. */
export const v1OpenApiRoutes: RouteModule = (app) => {
  app.get(OPENAPI_PATH, { config: { permission: 'public' } }, async () => app.swagger());
};
