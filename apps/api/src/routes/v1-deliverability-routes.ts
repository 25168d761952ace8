import { deliverabilityReport, engagementReport, latencyReport, providerReport } from '@sendops/reports';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { toReportFilter, V1ReportQuerystring } from './report-query.ts';
import { sortedProviders } from './reports-deliverability-routes.ts';
import {
  DeliverabilityReportSchema,
  EngagementReportSchema,
  LatencyReportSchema,
  ProviderReportSchema,
  ProviderSortQuerystring,
} from './reports-deliverability-schemas.ts';
import { analyticsOf } from './reports-messages-routes.ts';
import { ErrorSchema } from './reports-messages-schemas.ts';
import type { RouteModule } from './route-module.ts';

function organizationIdOf(request: FastifyRequest): string {
  if (!request.apiKey) throw new Error('no API key on a /v1 route');
  return request.apiKey.organization.id;
}

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };
const config = { permission: 'scope:reports.read' } as const;

/** The public report endpoints (key scope `reports.read`): the same figures as the dashboard tabs. */
export const v1DeliverabilityRoutes: RouteModule = (app, deps) => {
  app.get(
    '/v1/reports/deliverability',
    {
      config,
      schema: {
        tags: ['Reports'],
        summary: 'Bounce and complaint rates, reputation score, SES thresholds, bounce and complaint reasons',
        querystring: V1ReportQuerystring,
        response: { 200: DeliverabilityReportSchema, ...errors },
      },
    },
    async (request) =>
      deliverabilityReport(analyticsOf(deps), toReportFilter(request.query, organizationIdOf(request))),
  );

  app.get(
    '/v1/reports/providers',
    {
      config,
      schema: {
        tags: ['Reports'],
        summary: 'Deliverability by provider: top 8 by sends and Other, with deltas vs the previous period',
        querystring: Type.Composite([V1ReportQuerystring, ProviderSortQuerystring]),
        response: { 200: ProviderReportSchema, ...errors },
      },
    },
    async (request) => {
      const filter = toReportFilter(request.query, organizationIdOf(request));
      return sortedProviders(await providerReport(analyticsOf(deps), filter), request.query);
    },
  );

  app.get(
    '/v1/reports/latency',
    {
      config,
      schema: {
        tags: ['Reports'],
        summary: 'Delivery latency P50/P95/P99 overall and per hour or day',
        querystring: V1ReportQuerystring,
        response: { 200: LatencyReportSchema, ...errors },
      },
    },
    async (request) =>
      latencyReport(analyticsOf(deps), toReportFilter(request.query, organizationIdOf(request))),
  );

  app.get(
    '/v1/reports/engagement',
    {
      config,
      schema: {
        tags: ['Reports'],
        summary: 'Open and click rates over time, by recipient domain and template performance',
        querystring: V1ReportQuerystring,
        response: { 200: EngagementReportSchema, ...errors },
      },
    },
    async (request) =>
      engagementReport(analyticsOf(deps), toReportFilter(request.query, organizationIdOf(request))),
  );
};
