import { listOrganizationUndeliverable, loadRules, rulesBody } from '@sendops/classification';
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from './route-module.ts';
import {
  ListQuerystring,
  listRequest,
  RULES_VERSION_HEADER,
  undeliverableStores,
} from './undeliverable-schemas.ts';

function organizationIdOf(request: FastifyRequest): string {
  if (!request.apiKey) throw new Error('no API key on a /v1 route');
  return request.apiKey.organization.id;
}

/**
 * The public, read-only Undeliverable API. Keys need `suppressions.read`: the list is the
 * organization's per-address "stop mailing" data, the same kind of data as its suppression lists.
 */
export const undeliverableV1Routes: RouteModule = (app, deps) => {
  app.get(
    '/v1/undeliverable',
    { config: { permission: 'scope:suppressions.read' }, schema: { querystring: ListQuerystring } },
    async (request, reply) => {
      const page = await listOrganizationUndeliverable(
        undeliverableStores(deps),
        organizationIdOf(request),
        listRequest(request.query),
      );
      // Consumers re-sync their local suppression list when this changes (reports/classification-rules).
      void reply.header(RULES_VERSION_HEADER, page.rulesVersion);
      return {
        items: page.items.map(({ exclusion, ...row }) => ({
          ...row,
          exclusion: exclusion ? { note: exclusion.note, clearedAt: exclusion.clearedAt } : null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/v1/undeliverable/rules',
    { config: { permission: 'scope:suppressions.read' } },
    async (request, reply) => {
      const saved = await loadRules(deps.db, organizationIdOf(request));
      void reply.header(RULES_VERSION_HEADER, saved.version);
      return { ...rulesBody(saved.settings), updatedAt: saved.updatedAt?.toISOString() ?? null };
    },
  );
};
