import { requirePermission } from '@sendops/auth';
import { DomainError } from '@sendops/db';
import {
  EVENTS_CSV_HEADER,
  eventCsvRow,
  eventLogChangedSince,
  getMessageDetail,
  iterateEventLog,
  iterateMessages,
  iterateSuppressions,
  listEventLog,
  listMessages,
  listSuppressions,
  MESSAGES_CSV_HEADER,
  type MessageStatus,
  messageCsvRow,
  SUPPRESSIONS_CSV_HEADER,
  suppressionCsvRow,
} from '@sendops/reports';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { ApiAppDeps } from '../api-deps.ts';
import { organizationOf } from '../http/api-app.ts';
import { ApiHttpError } from '../http/api-http-error.ts';
import { reportFileName, sendCsv, toReportFilter, wantsCsvExport } from './report-query.ts';
import {
  ErrorSchema,
  EventLogPageSchema,
  EventsQuerystring,
  eventTypesOf,
  listAnswer,
  MessageDetailSchema,
  MessagePageSchema,
  MessagesQuerystring,
  Slug,
  SuppressionPageSchema,
  SuppressionsQuerystring,
} from './reports-messages-schemas.ts';
import type { RouteModule } from './route-module.ts';

export function analyticsOf(deps: ApiAppDeps) {
  if (!deps.analytics) throw new ApiHttpError(503, 'unavailable', 'the events store is not configured');
  return deps.analytics;
}

/** Searching by recipient is its own permission (Customer Support's task; not Marketer's or Viewer's). */
function checkRecipientSearch(request: FastifyRequest, recipient: string | undefined): void {
  if (recipient !== undefined) requirePermission(organizationOf(request).context, 'recipients.search');
}

const limitOf = (limit: number | undefined) => limit ?? 50;

// A CSV export is a stream: Fastify sends it as is, the 200 schema describes the JSON answer.
/** The Messages tab (Messages, message detail, Event Log) and the Suppression list viewer. */
export const reportsMessagesRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/reports/messages',
    {
      config: { permission: 'reports.view' },
      schema: { params: Slug, querystring: MessagesQuerystring, response: { 200: MessagePageSchema } },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const { query } = request;
      checkRecipientSearch(request, query.recipient);
      const filter = toReportFilter(query, organization.id);
      const list = {
        status: query.status as MessageStatus | undefined, // enum-checked by the schema
        identity: query.identity,
        template: query.template,
        recipient: query.recipient,
      };
      if (wantsCsvExport(request, query)) {
        const rows = iterateMessages(analyticsOf(deps), filter, list);
        return sendCsv(
          reply,
          reportFileName('messages', organization.slug, filter),
          MESSAGES_CSV_HEADER,
          mapRows(rows, messageCsvRow),
        );
      }
      return listAnswer(() =>
        listMessages(analyticsOf(deps), filter, {
          ...list,
          cursor: query.cursor,
          limit: limitOf(query.limit),
        }),
      );
    },
  );

  app.get(
    '/api/orgs/:slug/reports/messages/:messageId',
    {
      config: { permission: 'reports.view' },
      schema: {
        params: Type.Composite([
          Slug,
          Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 256 }) }),
        ]),
        querystring: Type.Object({ recipient: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })) }),
        response: { 200: MessageDetailSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { organization } = organizationOf(request);
      const detail = await getMessageDetail(
        analyticsOf(deps),
        organization.id,
        request.params.messageId,
        request.query.recipient,
      );
      if (!detail)
        throw new DomainError('not_found', 'no such message (or recipient of it) in this organization');
      return detail;
    },
  );

  app.get(
    '/api/orgs/:slug/reports/events',
    {
      config: { permission: 'reports.view' },
      schema: { params: Slug, querystring: EventsQuerystring, response: { 200: EventLogPageSchema } },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const { query } = request;
      checkRecipientSearch(request, query.recipient);
      const filter = toReportFilter(query, organization.id);
      const view = { types: eventTypesOf(query.type), recipient: query.recipient };
      if (wantsCsvExport(request, query)) {
        const rows = iterateEventLog(analyticsOf(deps), filter, view);
        return sendCsv(
          reply,
          reportFileName('events', organization.slug, filter),
          EVENTS_CSV_HEADER,
          mapRows(rows, eventCsvRow),
        );
      }
      return listAnswer(async () => {
        const store = analyticsOf(deps);
        if (query.since !== undefined && !(await eventLogChangedSince(store, filter, view, query.since))) {
          return { items: [], nextCursor: null, watermark: query.since, changed: false };
        }
        const page = await listEventLog(store, filter, {
          ...view,
          cursor: query.cursor,
          limit: limitOf(query.limit),
        });
        return { ...page, changed: true };
      });
    },
  );

  app.get(
    '/api/orgs/:slug/reports/suppressions',
    {
      config: { permission: 'suppressions.view' },
      schema: {
        params: Slug,
        querystring: SuppressionsQuerystring,
        response: { 200: SuppressionPageSchema },
      },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const { query } = request;
      checkRecipientSearch(request, query.recipient);
      const filter = toReportFilter(query, organization.id);
      if (wantsCsvExport(request, query)) {
        const rows = iterateSuppressions(analyticsOf(deps), filter, { recipient: query.recipient });
        return sendCsv(
          reply,
          reportFileName('suppressions', organization.slug, filter),
          SUPPRESSIONS_CSV_HEADER,
          mapRows(rows, suppressionCsvRow),
        );
      }
      return listAnswer(() =>
        listSuppressions(analyticsOf(deps), filter, {
          recipient: query.recipient,
          cursor: query.cursor,
          limit: limitOf(query.limit),
        }),
      );
    },
  );
};

async function* mapRows<T>(rows: AsyncIterable<T>, cells: (row: T) => unknown[]): AsyncGenerator<unknown[]> {
  for await (const row of rows) yield cells(row);
}
