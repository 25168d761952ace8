import {
  allowAddress,
  exportOrganizationUndeliverable,
  listOrganizationUndeliverable,
  organizationAddressHistory,
  relistAddress,
} from '@sendops/classification';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';
import {
  filtersOf,
  ListQuerystring,
  listRequest,
  RULES_VERSION_HEADER,
  undeliverableStores,
} from './undeliverable-schemas.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });
const Address = Type.String({ minLength: 3, maxLength: 320 });

/** The Undeliverable page (reports/undeliverable-list): list, export, history, Allow and Re-list. */
export const undeliverableListRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/undeliverable',
    { config: { permission: 'undeliverable.view' }, schema: { params: Slug, querystring: ListQuerystring } },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const page = await listOrganizationUndeliverable(
        undeliverableStores(deps),
        organization.id,
        listRequest(request.query),
      );
      void reply.header(RULES_VERSION_HEADER, page.rulesVersion);
      return page;
    },
  );

  app.get(
    '/api/orgs/:slug/undeliverable/export.csv',
    {
      config: { permission: 'undeliverable.view' },
      schema: { params: Slug, querystring: Type.Omit(ListQuerystring, ['cursor', 'limit']) },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const csv = await exportOrganizationUndeliverable(undeliverableStores(deps), organization.id, {
        filters: filtersOf(request.query),
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="undeliverable-${organization.slug}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/orgs/:slug/undeliverable/history',
    {
      config: { permission: 'undeliverable.view' },
      schema: { params: Slug, querystring: Type.Object({ address: Address }) },
    },
    async (request) => {
      const { organization } = organizationOf(request);
      const items = await organizationAddressHistory(
        undeliverableStores(deps),
        organization.id,
        request.query.address,
      );
      return { items, nextCursor: null };
    },
  );

  app.post(
    '/api/orgs/:slug/undeliverable/allow',
    {
      config: { permission: 'undeliverable.manage' },
      schema: {
        params: Slug,
        body: Type.Object({
          address: Address,
          note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
        }),
      },
    },
    async (request) => ({
      exclusion: await allowAddress(deps.db, organizationOf(request).context, request.body),
    }),
  );

  app.post(
    '/api/orgs/:slug/undeliverable/relist',
    {
      config: { permission: 'undeliverable.manage' },
      schema: { params: Slug, body: Type.Object({ address: Address }) },
    },
    async (request, reply) => {
      await relistAddress(deps.db, organizationOf(request).context, request.body);
      return reply.code(204).send();
    },
  );
};
