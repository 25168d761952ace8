import { apiKeyRoutes } from './api-key-routes.ts';
import { auditLogRoutes } from './audit-log-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { healthRoutes } from './health-routes.ts';
import { meRoutes } from './me-routes.ts';
import { mfaRoutes } from './mfa-routes.ts';
import { mfaSignInRoutes } from './mfa-sign-in-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { orgRoutes } from './org-routes.ts';
import { profileRoutes } from './profile-routes.ts';
import type { RouteModule } from './route-module.ts';
import { v1AccountRoutes } from './v1-account-routes.ts';

// Every route module of the API, registered in this order. Add yours with one line.
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  mfaSignInRoutes,
  oauthRoutes,
  meRoutes,
  profileRoutes,
  mfaRoutes,
  orgRoutes,
  apiKeyRoutes,
  auditLogRoutes,
  v1AccountRoutes,
];
