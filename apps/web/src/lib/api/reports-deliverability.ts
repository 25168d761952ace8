// The Deliverability and Engagement tabs (GET /api/orgs/:slug/reports/{deliverability,providers,latency,engagement});
// shapes and definitions as in docs/dashboard-api.md.
import { api } from './client.ts';

export type BucketSize = 'hour' | 'day';

export interface DeliverabilityCounts {
  sends: number;
  deliveries: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  rejects: number;
}

export interface DeliverabilityRates {
  hardBouncePct: number | null;
  softBouncePct: number | null;
  totalBouncePct: number | null;
  complaintPct: number | null;
  deliveryPct: number | null;
}

export interface Threshold {
  warning: number;
  critical: number;
}

export interface DeliverabilityReport {
  totals: DeliverabilityCounts & DeliverabilityRates & { reputationScore: number | null };
  thresholds: { bounce: Threshold; complaint: Threshold };
  bucketSize: BucketSize;
  trend: (DeliverabilityCounts & DeliverabilityRates & { start: string })[];
  bounceReasons: {
    bounceType: string;
    bounceSubType: string;
    category: string;
    bounces: number;
    pct: number | null;
  }[];
  complaintReasons: { feedbackType: string; complaints: number; pct: number | null }[];
}

export interface ProviderRow {
  provider: string;
  isOther: boolean;
  sends: number;
  deliveries: number;
  bounces: number;
  complaints: number;
  rejects: number;
  bouncePct: number | null;
  complaintPct: number | null;
  rejectPct: number | null;
  bouncePctDelta: number | null;
  complaintPctDelta: number | null;
  rejectPctDelta: number | null;
}

export interface ProviderReport {
  previous: { from: string; to: string };
  items: ProviderRow[];
  nextCursor: null;
}

export interface LatencyFigures {
  deliveries: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface LatencyReport {
  totals: LatencyFigures;
  bucketSize: BucketSize;
  trend: (LatencyFigures & { start: string })[];
}

export interface EngagementFigures {
  deliveries: number;
  uniqueOpens: number;
  uniqueClicks: number;
  openPct: number | null;
  clickPct: number | null;
}

export interface TemplatePerformance extends EngagementFigures {
  template: string;
  sent: number;
  bounces: number;
  complaints: number;
  bouncePct: number | null;
  complaintPct: number | null;
}

export interface EngagementReport {
  totals: EngagementFigures;
  bucketSize: BucketSize;
  trend: (EngagementFigures & { start: string })[];
  domains: (EngagementFigures & { recipientDomain: string })[];
  templates: TemplatePerformance[];
}

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
