import { apiKeyRoutes } from './api-key-routes.ts';
import { auditLogRoutes } from './audit-log-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { meRoutes } from './me-routes.ts';
import { orgRoutes } from './org-routes.ts';
import type { RouteModule } from './route-module.ts';
import { v1AccountRoutes } from './v1-account-routes.ts';

// Every route module of the API, registered in this order. Add yours with one line.
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  meRoutes,
  orgRoutes,
  apiKeyRoutes,
  auditLogRoutes,
  v1AccountRoutes,
];
