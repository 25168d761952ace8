import {
  getUndeliverableRules,
  previewOrganizationRules,
  saveUndeliverableRules,
} from '@sendops/classification';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';
import { RULES_VERSION_HEADER, RulesInput, undeliverableStores } from './undeliverable-schemas.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

/** The Classification Rules page (reports/classification-rules): read, live preview, save. */
export const undeliverableRulesRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/undeliverable/rules',
    { config: { permission: 'undeliverable.view' }, schema: { params: Slug } },
    async (request, reply) => {
      const rules = await getUndeliverableRules(deps.db, organizationOf(request).context);
      void reply.header(RULES_VERSION_HEADER, rules.version);
      return rules;
    },
  );

  // Read-only: anyone who may view the page may preview; nothing is saved.
  app.post(
    '/api/orgs/:slug/undeliverable/rules/preview',
    { config: { permission: 'undeliverable.view' }, schema: { params: Slug, body: RulesInput } },
    async (request) =>
      previewOrganizationRules(
        undeliverableStores(deps),
        organizationOf(request).organization.id,
        request.body,
      ),
  );

  app.put(
    '/api/orgs/:slug/undeliverable/rules',
    { config: { permission: 'undeliverable.configure' }, schema: { params: Slug, body: RulesInput } },
    async (request, reply) => {
      const rules = await saveUndeliverableRules(deps.db, organizationOf(request).context, request.body);
      void reply.header(RULES_VERSION_HEADER, rules.version);
      return rules;
    },
  );
};
