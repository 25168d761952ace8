// The Deliverability and Engagement tabs (GET /api/orgs/:slug/reports/{deliverability,providers,latency,engagement});
// shapes and definitions as in docs/dashboard-api.md. The types come from @sendops/reports (`import type`
// is erased, so no backend code reaches the browser).
import type {
  DeliverabilityReport,
  EngagementReport,
  LatencyReport,
  ProviderReport as ProviderReportBody,
} from '@sendops/reports';
import { api } from './client.ts';

export type {
  BucketSize,
  DeliverabilityCounts,
  DeliverabilityRates,
  DeliverabilityReport,
  EngagementFigures,
  EngagementReport,
  LatencyFigures,
  LatencyReport,
  ProviderRow,
  TemplatePerformance,
} from '@sendops/reports';

/** The providers route answers as a (single) page. */
export type ProviderReport = ProviderReportBody & { nextCursor: null };

const path = (slug: string, report: string, queryString: string) =>
  `/api/orgs/${encodeURIComponent(slug)}/reports/${report}?${queryString}`;

export const reportsDeliverabilityApi = {
  deliverability: (slug: string, queryString: string) =>
    api.get<DeliverabilityReport>(path(slug, 'deliverability', queryString)),
  providers: (slug: string, queryString: string) =>
    api.get<ProviderReport>(path(slug, 'providers', queryString)),
  latency: (slug: string, queryString: string) => api.get<LatencyReport>(path(slug, 'latency', queryString)),
  engagement: (slug: string, queryString: string) =>
    api.get<EngagementReport>(path(slug, 'engagement', queryString)),
};
