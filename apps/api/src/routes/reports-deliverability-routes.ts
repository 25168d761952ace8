import {
  deliverabilityReport,
  engagementReport,
  latencyReport,
  type ProviderReport,
  providerReport,
  sortProviders,
} from '@sendops/reports';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import {
  ReportQuerystring,
  reportFileName,
  sendCsv,
  toReportFilter,
  wantsCsvExport,
} from './report-query.ts';
import {
  DeliverabilityReportSchema,
  EngagementReportSchema,
  LatencyReportSchema,
  ProviderReportSchema,
  ProviderSortQuerystring,
} from './reports-deliverability-schemas.ts';
import { analyticsOf } from './reports-messages-routes.ts';
import { Slug } from './reports-messages-schemas.ts';
import type { RouteModule } from './route-module.ts';

/** Providers in the requested order (default: the report's own, by sends); Other stays last. */
export function sortedProviders(
  report: ProviderReport,
  query: { sort?: Parameters<typeof sortProviders>[1] | undefined; order?: 'asc' | 'desc' | undefined },
) {
  const items = query.sort ? sortProviders(report.items, query.sort, query.order ?? 'desc') : report.items;
  return { previous: report.previous, items, nextCursor: null };
}

// A CSV export is a stream: Fastify sends it as is, the 200 schema describes the JSON answer.
/** The Deliverability and Engagement tabs; every table also as CSV (`format=csv`, `reports.export`). */
export const reportsDeliverabilityRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/reports/deliverability',
    {
      config: { permission: 'reports.view' },
      schema: {
        params: Slug,
        querystring: ReportQuerystring,
        response: { 200: DeliverabilityReportSchema },
      },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const filter = toReportFilter(request.query, organization.id);
      const report = await deliverabilityReport(analyticsOf(deps), filter);
      if (!wantsCsvExport(request, request.query)) return report;
      return sendCsv(
        reply,
        reportFileName('deliverability', organization.slug, filter),
        [
          'bucket_start',
          'sends',
          'deliveries',
          'hard_bounces',
          'soft_bounces',
          'complaints',
          'rejects',
          'hard_bounce_pct',
          'soft_bounce_pct',
          'total_bounce_pct',
          'complaint_pct',
          'delivery_pct',
        ],
        report.trend.map((b) => [
          b.start,
          b.sends,
          b.deliveries,
          b.hardBounces,
          b.softBounces,
          b.complaints,
          b.rejects,
          b.hardBouncePct,
          b.softBouncePct,
          b.totalBouncePct,
          b.complaintPct,
          b.deliveryPct,
        ]),
      );
    },
  );

  app.get(
    '/api/orgs/:slug/reports/providers',
    {
      config: { permission: 'reports.view' },
      schema: {
        params: Slug,
        querystring: Type.Composite([ReportQuerystring, ProviderSortQuerystring]),
        response: { 200: ProviderReportSchema },
      },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const filter = toReportFilter(request.query, organization.id);
      const report = sortedProviders(await providerReport(analyticsOf(deps), filter), request.query);
      if (!wantsCsvExport(request, request.query)) return report;
      return sendCsv(
        reply,
        reportFileName('providers', organization.slug, filter),
        [
          'provider',
          'sends',
          'deliveries',
          'bounces',
          'bounce_pct',
          'bounce_pct_delta_pp',
          'complaints',
          'complaint_pct',
          'complaint_pct_delta_pp',
          'rejects',
          'reject_pct',
          'reject_pct_delta_pp',
        ],
        report.items.map((r) => [
          r.provider,
          r.sends,
          r.deliveries,
          r.bounces,
          r.bouncePct,
          r.bouncePctDelta,
          r.complaints,
          r.complaintPct,
          r.complaintPctDelta,
          r.rejects,
          r.rejectPct,
          r.rejectPctDelta,
        ]),
      );
    },
  );

  app.get(
    '/api/orgs/:slug/reports/latency',
    {
      config: { permission: 'reports.view' },
      schema: { params: Slug, querystring: ReportQuerystring, response: { 200: LatencyReportSchema } },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const filter = toReportFilter(request.query, organization.id);
      const report = await latencyReport(analyticsOf(deps), filter);
      if (!wantsCsvExport(request, request.query)) return report;
      return sendCsv(
        reply,
        reportFileName('latency', organization.slug, filter),
        ['bucket_start', 'deliveries', 'p50_ms', 'p95_ms', 'p99_ms'],
        report.trend.map((b) => [b.start, b.deliveries, b.p50, b.p95, b.p99]),
      );
    },
  );

  app.get(
    '/api/orgs/:slug/reports/engagement',
    {
      config: { permission: 'reports.view' },
      schema: {
        params: Slug,
        querystring: ReportQuerystring,
        response: { 200: EngagementReportSchema },
      },
    },
    async (request, reply) => {
      const { organization } = organizationOf(request);
      const filter = toReportFilter(request.query, organization.id);
      const report = await engagementReport(analyticsOf(deps), filter);
      if (!wantsCsvExport(request, request.query)) return report;
      return sendCsv(
        reply,
        reportFileName('templates', organization.slug, filter),
        [
          'template',
          'sent',
          'delivered',
          'unique_opens',
          'unique_clicks',
          'open_pct',
          'click_pct',
          'bounces',
          'bounce_pct',
          'complaints',
          'complaint_pct',
        ],
        report.templates.map((t) => [
          t.template,
          t.sent,
          t.deliveries,
          t.uniqueOpens,
          t.uniqueClicks,
          t.openPct,
          t.clickPct,
          t.bounces,
          t.bouncePct,
          t.complaints,
          t.complaintPct,
        ]),
      );
    },
  );
};
