export type { ApiAppDeps } from './api-deps.ts';
export { type ApiService, type ApiServiceOptions, createApiService } from './api-service.ts';
export { buildApiApp } from './build-api-app.ts';
export type { ApiApp } from './http/api-app.ts';
export { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rate-limits.ts';
export type { RouteAccess } from './http/route-access.ts';
export type { RegisteredRoute } from './http/route-guard.ts';
