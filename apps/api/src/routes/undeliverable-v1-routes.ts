import { listOrganizationUndeliverable, loadRules, rulesBody } from '@sendops/classification';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RouteModule } from './route-module.ts';
import {
  ListQuerystring,
  listRequest,
  RULES_VERSION_HEADER,
  undeliverableStores,
} from './undeliverable-schemas.ts';
import { NextCursor, V1_ERRORS } from './v1-common-schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const V1UndeliverablePage = Type.Object({
  items: Type.Array(
    Type.Object({
      address: Type.String(),
      status: Type.Union([Type.Literal('listed'), Type.Literal('excluded')]),
      reason: Nullable(Type.String()),
      reasonLabel: Nullable(Type.String()),
      events: Type.Integer(),
      lastChange: Type.String({ description: 'ISO 8601' }),
      lastDiagnostic: Type.String(),
      exclusion: Type.Union([
        Type.Object({ note: Nullable(Type.String()), clearedAt: Type.String() }),
        Type.Null(),
      ]),
    }),
  ),
  nextCursor: NextCursor,
});

const V1Rules = Type.Object({
  version: Type.String(),
  profile: Type.String({ description: 'strict, standard, aggressive or custom' }),
  rules: Type.Record(
    Type.String(),
    Type.Object({
      enabled: Type.Boolean(),
      locked: Type.Boolean(),
      events: Type.Optional(Type.Integer()),
      window_days: Type.Optional(Type.Integer()),
    }),
  ),
  updatedAt: Nullable(Type.String()),
});

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
    {
      config: { permission: 'scope:suppressions.read' },
      schema: {
        tags: ['Undeliverable'],
        summary: 'Undeliverable addresses (the per-address "stop mailing" list)',
        querystring: ListQuerystring,
        response: { 200: V1UndeliverablePage, ...V1_ERRORS },
      },
    },
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
    {
      config: { permission: 'scope:suppressions.read' },
      schema: {
        tags: ['Undeliverable'],
        summary: 'The classification rules in force',
        response: { 200: V1Rules, ...V1_ERRORS },
      },
    },
    async (request, reply) => {
      const saved = await loadRules(deps.db, organizationIdOf(request));
      void reply.header(RULES_VERSION_HEADER, saved.version);
      return { ...rulesBody(saved.settings), updatedAt: saved.updatedAt?.toISOString() ?? null };
    },
  );
};
