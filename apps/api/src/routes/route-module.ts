import type { ApiAppDeps } from '../api-deps.ts';
import type { ApiApp } from '../http/api-app.ts';

/** A group of routes; listed once in routes/index.ts. */
export type RouteModule = (app: ApiApp, deps: ApiAppDeps) => void | Promise<void>;
