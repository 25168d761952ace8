import type { AnalyticsStore } from '@sendops/analytics';
import { COMPLAINT_RATE_DIGITS, percent } from '../deliverability/rates.ts';
import { queryEvents, scopeSql } from '../deliverability/report-scope.ts';
import { type BucketSize, bucketSizeOf, bucketSql } from '../deliverability/time-buckets.ts';
import type { ReportFilter } from '../report-filter.ts';

/** Domains shown in "Engagement by Domain" (most deliveries first). */
export const TOP_DOMAINS = 10;

export interface EngagementFigures {
  deliveries: number;
  /** Distinct (message, recipient) pairs with at least one Open event. */
  uniqueOpens: number;
  /** Distinct (message, recipient) pairs with at least one Click event. */
  uniqueClicks: number;
  /** uniqueOpens / deliveries, %, 2 decimals. */
  openPct: number | null;
  /** uniqueClicks / deliveries, %, 2 decimals. */
  clickPct: number | null;
}

export interface EngagementBucket extends EngagementFigures {
  start: string;
}

export interface DomainEngagement extends EngagementFigures {
  recipientDomain: string;
}

export interface TemplatePerformance extends EngagementFigures {
  /** The template name; '' for messages sent without one. */
  template: string;
  sent: number;
  bounces: number;
  complaints: number;
  /** bounces / sent, %, 2 decimals. */
  bouncePct: number | null;
  /** complaints / deliveries, %, 3 decimals. */
  complaintPct: number | null;
}

export interface EngagementReport {
  totals: EngagementFigures;
  bucketSize: BucketSize;
  /** Buckets with any delivery, open or click, oldest first. */
  trend: EngagementBucket[];
  /** Top recipient domains by deliveries. */
  domains: DomainEngagement[];
  /** Every template with events in the range, most sent first. */
  templates: TemplatePerformance[];
}

interface Figures {
  deliveries: string;
  opens: string;
  clicks: string;
}

const FIGURES = `toUInt64(countIf(event_type = 'Delivery')) AS deliveries,
       toUInt64(uniqExactIf((message_id, recipient), event_type = 'Open')) AS opens,
       toUInt64(uniqExactIf((message_id, recipient), event_type = 'Click')) AS clicks`;

/**
 * Open and click rates over time, by recipient domain and by template, and the template performance
 * table. Every figure counts the events whose time falls in the range (an open in the range of a message
 * delivered just before it counts), so a bucket's rate can in rare cases exceed 100%.
 */
export async function engagementReport(
  store: AnalyticsStore,
  filter: ReportFilter,
): Promise<EngagementReport> {
  const scope = scopeSql(filter);
  const bucketSize = bucketSizeOf(filter);
  const where = `${scope.where} AND event_type IN ('Send', 'Delivery', 'Bounce', 'Complaint', 'Open', 'Click')`;
  const [totals, buckets, domains, templates] = await Promise.all([
    queryEvents<Figures>(store, (table) => `SELECT ${FIGURES} FROM ${table} WHERE ${where}`, scope.params),
    queryEvents<Figures & { bucket: string }>(
      store,
      (table) => `SELECT toString(${bucketSql(bucketSize)}) AS bucket, ${FIGURES}
        FROM ${table} WHERE ${where} AND event_type IN ('Delivery', 'Open', 'Click')
        GROUP BY bucket ORDER BY bucket`,
      scope.params,
    ),
    queryEvents<Figures & { recipient_domain: string }>(
      store,
      (table) => `SELECT recipient_domain, ${FIGURES}
        FROM ${table} WHERE ${where} AND event_type IN ('Delivery', 'Open', 'Click')
        GROUP BY recipient_domain
        ORDER BY deliveries DESC, recipient_domain LIMIT ${TOP_DOMAINS}`,
      scope.params,
    ),
    queryEvents<Figures & { template: string; sent: string; bounces: string; complaints: string }>(
      store,
      (table) => `SELECT template, ${FIGURES},
          toUInt64(countIf(event_type = 'Send')) AS sent,
          toUInt64(countIf(event_type = 'Bounce')) AS bounces,
          toUInt64(countIf(event_type = 'Complaint')) AS complaints
        FROM ${table} WHERE ${where}
        GROUP BY template`,
      scope.params,
    ),
  ]);
  return {
    totals: figuresOf(totals[0] ?? { deliveries: '0', opens: '0', clicks: '0' }),
    bucketSize,
    trend: buckets
      .map((row) => ({ start: new Date(Number(row.bucket)).toISOString(), ...figuresOf(row) }))
      .sort((a, b) => a.start.localeCompare(b.start)),
    domains: domains.map((row) => ({ recipientDomain: row.recipient_domain, ...figuresOf(row) })),
    templates: templates
      .map((row) => {
        const figures = figuresOf(row);
        const sent = Number(row.sent);
        const bounces = Number(row.bounces);
        const complaints = Number(row.complaints);
        return {
          template: row.template,
          sent,
          ...figures,
          bounces,
          complaints,
          bouncePct: percent(bounces, sent),
          complaintPct: percent(complaints, figures.deliveries, COMPLAINT_RATE_DIGITS),
        };
      })
      .sort((a, b) => b.sent - a.sent || (a.template < b.template ? -1 : a.template > b.template ? 1 : 0)),
  };
}

function figuresOf(row: Figures): EngagementFigures {
  const deliveries = Number(row.deliveries);
  const uniqueOpens = Number(row.opens);
  const uniqueClicks = Number(row.clicks);
  return {
    deliveries,
    uniqueOpens,
    uniqueClicks,
    openPct: percent(uniqueOpens, deliveries),
    clickPct: percent(uniqueClicks, deliveries),
  };
}
