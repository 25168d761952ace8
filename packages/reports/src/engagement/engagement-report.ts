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

/**
 * `grouping(bucket, recipient_domain, template)` of a GROUPING SETS row: a bit is 1 for a column the
 * row is not grouped by (standard SQL), so each set has its own value.
 */
const LEVEL = { total: 7, bucket: 3, domain: 5, template: 6 } as const;

interface CountRow {
  level: number;
  bucket: string;
  recipient_domain: string;
  template: string;
  deliveries: string;
  sent: string;
  bounces: string;
  complaints: string;
}

interface EngagedRow {
  level: number;
  bucket: string;
  recipient_domain: string;
  template: string;
  opens: string;
  clicks: string;
}

interface Figures {
  deliveries: number;
  opens: number;
  clicks: number;
}

/**
 * Open and click rates over time, by recipient domain and by template, and the template performance
 * table. Every figure counts the events whose time falls in the range (an open in the range of a message
 * delivered just before it counts), so a bucket's rate can in rare cases exceed 100%.
 *
 * Two reads of the range, each grouped once into every breakdown (GROUPING SETS) instead of one scan per
 * breakdown: the counts (Send, Delivery, Bounce, Complaint rows; FINAL, a retried event must not count
 * twice) and the distinct opened and clicked (message, recipient) pairs, from the Open and Click rows
 * only. Each row carries its pair's 128-bit SipHash (`pair_hash`, computed on insert), which is
 * exactly what `uniqExact` keeps for a (message_id, recipient) tuple, so the counts are the same as over
 * the tuple; a retried Open adds no new pair, so that read needs no FINAL.
 */
export async function engagementReport(
  store: AnalyticsStore,
  filter: ReportFilter,
): Promise<EngagementReport> {
  const scope = scopeSql(filter);
  const bucketSize = bucketSizeOf(filter);
  const level = 'grouping(bucket, recipient_domain, template) AS level';
  const sets = 'GROUPING SETS ((), (bucket), (recipient_domain), (template))';
  const [countRows, engagedRows] = await Promise.all([
    queryEvents<CountRow>(
      store,
      (table) => `SELECT ${level}, toString(${bucketSql(bucketSize)}) AS bucket, recipient_domain, template,
          toUInt64(countIf(event_type = 'Delivery')) AS deliveries,
          toUInt64(countIf(event_type = 'Send')) AS sent,
          toUInt64(countIf(event_type = 'Bounce')) AS bounces,
          toUInt64(countIf(event_type = 'Complaint')) AS complaints
        FROM ${table}
        WHERE ${scope.where} AND event_type IN ('Send', 'Delivery', 'Bounce', 'Complaint')
        GROUP BY GROUPING SETS ((bucket), (recipient_domain), (template))`,
      scope.params,
    ),
    queryEvents<EngagedRow>(
      store,
      (table) => `SELECT ${level}, toString(bucket) AS bucket, recipient_domain, template,
          toUInt64(uniqExactIf(pair, event_type = 'Open')) AS opens,
          toUInt64(uniqExactIf(pair, event_type = 'Click')) AS clicks
        FROM (
          SELECT pair_hash AS pair,
                 ${bucketSql(bucketSize)} AS bucket, recipient_domain, template, event_type
          FROM ${table}
          WHERE ${scope.where} AND event_type IN ('Open', 'Click')
        )
        GROUP BY ${sets}`,
      scope.params,
      { final: false },
    ),
  ]);

  // Per breakdown, the keys that have rows, with their figures (a key absent from one read has zeros).
  const empty = (): Figures => ({ deliveries: 0, opens: 0, clicks: 0 });
  const byBucket = new Map<string, Figures>();
  const byDomain = new Map<string, Figures>();
  const byTemplate = new Map<string, Figures & { sent: number; bounces: number; complaints: number }>();
  const entry = <V>(map: Map<string, V>, key: string, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) {
      value = make();
      map.set(key, value);
    }
    return value;
  };
  const emptyTemplate = () => ({ ...empty(), sent: 0, bounces: 0, complaints: 0 });
  const totals = empty();
  for (const row of countRows) {
    const deliveries = Number(row.deliveries);
    const level = Number(row.level);
    if (level === LEVEL.bucket) {
      totals.deliveries += deliveries;
      // The trend and the domains list keys with a delivery, open or click (not a bare Send).
      if (deliveries > 0) entry(byBucket, row.bucket, empty).deliveries = deliveries;
    } else if (level === LEVEL.domain) {
      if (deliveries > 0) entry(byDomain, row.recipient_domain, empty).deliveries = deliveries;
    } else if (level === LEVEL.template) {
      Object.assign(entry(byTemplate, row.template, emptyTemplate), {
        deliveries,
        sent: Number(row.sent),
        bounces: Number(row.bounces),
        complaints: Number(row.complaints),
      });
    }
  }
  for (const row of engagedRows) {
    const figures = { opens: Number(row.opens), clicks: Number(row.clicks) };
    const level = Number(row.level);
    if (level === LEVEL.total) Object.assign(totals, figures);
    else if (level === LEVEL.bucket) Object.assign(entry(byBucket, row.bucket, empty), figures);
    else if (level === LEVEL.domain) Object.assign(entry(byDomain, row.recipient_domain, empty), figures);
    else if (level === LEVEL.template) Object.assign(entry(byTemplate, row.template, emptyTemplate), figures);
  }

  return {
    totals: figuresOf(totals),
    bucketSize,
    trend: [...byBucket]
      .map(([bucket, figures]) => ({ start: new Date(Number(bucket)).toISOString(), ...figuresOf(figures) }))
      .sort((a, b) => a.start.localeCompare(b.start)),
    domains: [...byDomain]
      .sort(([a, x], [b, y]) => y.deliveries - x.deliveries || byteOrder(a, b))
      .slice(0, TOP_DOMAINS)
      .map(([recipientDomain, figures]) => ({ recipientDomain, ...figuresOf(figures) })),
    templates: [...byTemplate]
      .map(([template, row]) => {
        const figures = figuresOf(row);
        return {
          template,
          sent: row.sent,
          ...figures,
          bounces: row.bounces,
          complaints: row.complaints,
          bouncePct: percent(row.bounces, row.sent),
          complaintPct: percent(row.complaints, figures.deliveries, COMPLAINT_RATE_DIGITS),
        };
      })
      .sort((a, b) => b.sent - a.sent || (a.template < b.template ? -1 : a.template > b.template ? 1 : 0)),
  };
}

/** ClickHouse's order of strings (bytes), for ties. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function figuresOf(row: Figures): EngagementFigures {
  const { deliveries, opens: uniqueOpens, clicks: uniqueClicks } = row;
  return {
    deliveries,
    uniqueOpens,
    uniqueClicks,
    openPct: percent(uniqueOpens, deliveries),
    clickPct: percent(uniqueClicks, deliveries),
  };
}
