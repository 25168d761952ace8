import type { RouteModule } from './route-module.ts';
import { undeliverableListRoutes } from './undeliverable-list-routes.ts';
import { undeliverableRulesRoutes } from './undeliverable-rules-routes.ts';
import { undeliverableV1Routes } from './undeliverable-v1-routes.ts';

/** The Undeliverable list, its classification rules and their public API (issue 5). */
export const undeliverableRoutes: RouteModule = async (app, deps) => {
  await undeliverableListRoutes(app, deps);
  await undeliverableRulesRoutes(app, deps);
  await undeliverableV1Routes(app, deps);
};
