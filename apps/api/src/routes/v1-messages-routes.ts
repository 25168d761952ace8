import { DomainError } from '@sendops/db';
import {
  getMessageDetail,
  listEventLog,
  listMessages,
  listSuppressions,
  type MessageStatus,
} from '@sendops/reports';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { toReportFilter, V1ReportQuerystring } from './report-query.ts';
import { analyticsOf } from './reports-messages-routes.ts';
import {
  EventLogParams,
  EventLogRowSchema,
  eventTypesOf,
  listAnswer,
  MessageDetailSchema,
  MessageListParams,
  MessagePageSchema,
  SuppressionPageSchema,
  SuppressionParams,
} from './reports-messages-schemas.ts';
import type { RouteModule } from './route-module.ts';
import { V1_ERRORS, V1Error } from './v1-common-schemas.ts';

function organizationIdOf(request: FastifyRequest): string {
  if (!request.apiKey) throw new Error('no API key on a /v1 route');
  return request.apiKey.organization.id;
}

const V1EventPage = Type.Object({
  items: Type.Array(EventLogRowSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/**
 * The public, read-only Messages API: `/v1/messages` (list, detail) and `/v1/events` need the key
 * scope `events.read`; `/v1/suppressions` needs `suppressions.read`. Same filters as the dashboard.
 */
export const v1MessagesRoutes: RouteModule = (app, deps) => {
  app.get(
    '/v1/messages',
    {
      config: { permission: 'scope:events.read' },
      schema: {
        tags: ['Messages'],
        summary: 'Messages (one row per message and recipient) with their current status',
        querystring: Type.Composite([V1ReportQuerystring, MessageListParams]),
        response: { 200: MessagePageSchema, ...V1_ERRORS },
      },
    },
    async (request) => {
      const { query } = request;
      const filter = toReportFilter(query, organizationIdOf(request));
      return listAnswer(() =>
        listMessages(analyticsOf(deps), filter, {
          status: query.status as MessageStatus | undefined, // enum-checked by the schema
          identity: query.identity,
          template: query.template,
          recipient: query.recipient,
          cursor: query.cursor,
          limit: query.limit ?? 50,
        }),
      );
    },
  );

  app.get(
    '/v1/messages/:id',
    {
      config: { permission: 'scope:events.read' },
      schema: {
        tags: ['Messages'],
        summary: "One message's timeline for one recipient",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 256 }) }),
        querystring: Type.Object({
          recipient: Type.Optional(
            Type.String({ minLength: 3, maxLength: 320, description: 'Default: the first recipient.' }),
          ),
        }),
        response: { 200: MessageDetailSchema, 404: V1Error, ...V1_ERRORS },
      },
    },
    async (request) => {
      const detail = await getMessageDetail(
        analyticsOf(deps),
        organizationIdOf(request),
        request.params.id,
        request.query.recipient,
      );
      if (!detail) throw new DomainError('not_found', 'no such message (or recipient of it)');
      return detail;
    },
  );

  app.get(
    '/v1/events',
    {
      config: { permission: 'scope:events.read' },
      schema: {
        tags: ['Messages'],
        summary: 'Raw SES events, newest first',
        querystring: Type.Composite([V1ReportQuerystring, EventLogParams]),
        response: { 200: V1EventPage, ...V1_ERRORS },
      },
    },
    async (request) => {
      const { query } = request;
      const filter = toReportFilter(query, organizationIdOf(request));
      const types = eventTypesOf(query.type);
      return listAnswer(async () => {
        const page = await listEventLog(analyticsOf(deps), filter, {
          types,
          recipient: query.recipient,
          cursor: query.cursor,
          limit: query.limit ?? 50,
        });
        return { items: page.items, nextCursor: page.nextCursor };
      });
    },
  );

  app.get(
    '/v1/suppressions',
    {
      config: { permission: 'scope:suppressions.read' },
      schema: {
        tags: ['Suppressions'],
        summary: 'Addresses suppressed (from events), most recent first',
        querystring: Type.Composite([V1ReportQuerystring, SuppressionParams]),
        response: { 200: SuppressionPageSchema, ...V1_ERRORS },
      },
    },
    async (request) => {
      const { query } = request;
      const filter = toReportFilter(query, organizationIdOf(request));
      return listAnswer(() =>
        listSuppressions(analyticsOf(deps), filter, {
          recipient: query.recipient,
          cursor: query.cursor,
          limit: query.limit ?? 50,
        }),
      );
    },
  );
};
