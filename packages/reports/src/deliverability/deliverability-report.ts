import type { AnalyticsStore } from '@sendops/analytics';
import type { ReportFilter } from '../report-filter.ts';
import { COMPLAINT_RATE_DIGITS, percent } from './rates.ts';
import { queryEvents, scopeSql } from './report-scope.ts';
import { type BucketSize, bucketSizeOf, bucketSql } from './time-buckets.ts';

/** AWS SES review thresholds, drawn as reference lines (percent). */
export const SES_THRESHOLDS = {
  bounce: { warning: 5, critical: 10 },
  complaint: { warning: 0.08, critical: 0.1 },
} as const;

export interface DeliverabilityCounts {
  /** `Send` events (one per recipient); rejected messages have none. */
  sends: number;
  deliveries: number;
  /** `Bounce` events with bounceType Permanent. */
  hardBounces: number;
  /** `Bounce` events with bounceType Transient or Undetermined. */
  softBounces: number;
  complaints: number;
  rejects: number;
}

export interface DeliverabilityRates {
  /** hard bounces / sends, %, 2 decimals. */
  hardBouncePct: number | null;
  /** soft bounces / sends, %, 2 decimals. */
  softBouncePct: number | null;
  /** (hard + soft) / sends, %, 2 decimals. */
  totalBouncePct: number | null;
  /** complaints / deliveries, %, 3 decimals. */
  complaintPct: number | null;
  /** deliveries / sends, %, 2 decimals. */
  deliveryPct: number | null;
}

export interface DeliverabilityBucket extends DeliverabilityCounts, DeliverabilityRates {
  /** Bucket start (local midnight or hour in the filter's timezone) as an ISO 8601 UTC instant. */
  start: string;
}

export interface BounceReason {
  bounceType: string;
  bounceSubType: string;
  /** A readable grouping of the sub-type (see `bounceCategory`). */
  category: string;
  bounces: number;
  /** Share of all bounces in the range, %, 2 decimals. */
  pct: number | null;
}

export interface ComplaintReason {
  /** The ARF feedback type (`abuse`, `not-spam`, …); `not-specified` when the report had none. */
  feedbackType: string;
  complaints: number;
  /** Share of all complaints in the range, %, 2 decimals. */
  pct: number | null;
}

export interface DeliverabilityReport {
  totals: DeliverabilityCounts & DeliverabilityRates & { reputationScore: number | null };
  thresholds: typeof SES_THRESHOLDS;
  bucketSize: BucketSize;
  /** Only buckets with at least one counted event, oldest first. */
  trend: DeliverabilityBucket[];
  bounceReasons: BounceReason[];
  complaintReasons: ComplaintReason[];
}

interface CountRow {
  bucket: string;
  sends: string;
  deliveries: string;
  hard: string;
  soft: string;
  complaints: string;
  rejects: string;
}

const COUNT_COLUMNS = `toUInt64(countIf(event_type = 'Send')) AS sends,
       toUInt64(countIf(event_type = 'Delivery')) AS deliveries,
       toUInt64(countIf(event_type = 'Bounce' AND bounce_type = 'Permanent')) AS hard,
       toUInt64(countIf(event_type = 'Bounce' AND bounce_type != 'Permanent')) AS soft,
       toUInt64(countIf(event_type = 'Complaint')) AS complaints,
       toUInt64(countIf(event_type = 'Reject')) AS rejects`;

const COUNTED_TYPES = `event_type IN ('Send', 'Delivery', 'Bounce', 'Complaint', 'Reject')`;

/** Headline, threshold trend, bounce and complaint reasons for the filter's range. */
export async function deliverabilityReport(
  store: AnalyticsStore,
  filter: ReportFilter,
): Promise<DeliverabilityReport> {
  const scope = scopeSql(filter);
  const bucketSize = bucketSizeOf(filter);
  const [buckets, reasonRows] = await Promise.all([
    queryEvents<CountRow>(
      store,
      (table) => `SELECT toString(${bucketSql(bucketSize)}) AS bucket, ${COUNT_COLUMNS}
        FROM ${table} WHERE ${scope.where} AND ${COUNTED_TYPES}
        GROUP BY bucket ORDER BY bucket`,
      scope.params,
    ),
    // Bounces and complaints in one read: their rows share the few granules of each day the primary
    // key leaves (Bounce, Click, Complaint sort next to each other).
    queryEvents<{
      event_type: string;
      bounce_type: string;
      bounce_sub_type: string;
      feedback_type: string;
      events: string;
    }>(
      store,
      (table) => `SELECT event_type, bounce_type, bounce_sub_type, complaint_feedback_type AS feedback_type,
          toUInt64(count()) AS events
        FROM ${table} WHERE ${scope.where} AND event_type IN ('Bounce', 'Complaint')
        GROUP BY event_type, bounce_type, bounce_sub_type, feedback_type`,
      scope.params,
    ),
  ]);
  const bounceRows = new Map<string, { bounce_type: string; bounce_sub_type: string; bounces: number }>();
  const complaintRows = new Map<string, { feedback_type: string; complaints: number }>();
  for (const row of reasonRows) {
    if (row.event_type === 'Bounce') {
      const key = `${row.bounce_type}\n${row.bounce_sub_type}`;
      const known = bounceRows.get(key);
      if (known) known.bounces += Number(row.events);
      else {
        bounceRows.set(key, {
          bounce_type: row.bounce_type,
          bounce_sub_type: row.bounce_sub_type,
          bounces: Number(row.events),
        });
      }
    } else {
      const known = complaintRows.get(row.feedback_type);
      if (known) known.complaints += Number(row.events);
      else
        complaintRows.set(row.feedback_type, {
          feedback_type: row.feedback_type,
          complaints: Number(row.events),
        });
    }
  }

  const trend = buckets
    .map((row) => ({ start: new Date(Number(row.bucket)).toISOString(), ...countsOf(row) }))
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((bucket) => ({ ...bucket, ...ratesOf(bucket) }));
  const totals = trend.reduce<DeliverabilityCounts>(
    (sum, b) => ({
      sends: sum.sends + b.sends,
      deliveries: sum.deliveries + b.deliveries,
      hardBounces: sum.hardBounces + b.hardBounces,
      softBounces: sum.softBounces + b.softBounces,
      complaints: sum.complaints + b.complaints,
      rejects: sum.rejects + b.rejects,
    }),
    { sends: 0, deliveries: 0, hardBounces: 0, softBounces: 0, complaints: 0, rejects: 0 },
  );

  const bounces = [...bounceRows.values()].reduce((sum, row) => sum + row.bounces, 0);
  const bounceReasons = [...bounceRows.values()]
    .map((row) => ({
      bounceType: row.bounce_type,
      bounceSubType: row.bounce_sub_type,
      category: bounceCategory(row.bounce_type, row.bounce_sub_type),
      bounces: Number(row.bounces),
      pct: percent(Number(row.bounces), bounces),
    }))
    .sort(
      (a, b) =>
        b.bounces - a.bounces ||
        a.bounceType.localeCompare(b.bounceType) ||
        a.bounceSubType.localeCompare(b.bounceSubType),
    );
  const complaints = [...complaintRows.values()].reduce((sum, row) => sum + row.complaints, 0);
  const complaintReasons = [...complaintRows.values()]
    .map((row) => ({
      feedbackType: row.feedback_type === '' ? 'not-specified' : row.feedback_type,
      complaints: Number(row.complaints),
      pct: percent(Number(row.complaints), complaints),
    }))
    .sort((a, b) => b.complaints - a.complaints || a.feedbackType.localeCompare(b.feedbackType));

  return {
    totals: { ...totals, ...ratesOf(totals), reputationScore: reputationScore(totals) },
    thresholds: SES_THRESHOLDS,
    bucketSize,
    trend,
    bounceReasons,
    complaintReasons,
  };
}

function countsOf(row: CountRow): DeliverabilityCounts {
  return {
    sends: Number(row.sends),
    deliveries: Number(row.deliveries),
    hardBounces: Number(row.hard),
    softBounces: Number(row.soft),
    complaints: Number(row.complaints),
    rejects: Number(row.rejects),
  };
}

export function ratesOf(counts: DeliverabilityCounts): DeliverabilityRates {
  return {
    hardBouncePct: percent(counts.hardBounces, counts.sends),
    softBouncePct: percent(counts.softBounces, counts.sends),
    totalBouncePct: percent(counts.hardBounces + counts.softBounces, counts.sends),
    complaintPct: percent(counts.complaints, counts.deliveries, COMPLAINT_RATE_DIGITS),
    deliveryPct: percent(counts.deliveries, counts.sends),
  };
}

/**
 * Reputation Score, 0–100 (higher is better), null without sends:
 *   100 − 50 × min(1, bounce rate / 10%) − 40 × min(1, complaint rate / 0.1%) − 10 × (1 − min(1, delivery rate))
 * rounded to the nearest integer. Bounce rate = (hard + soft) / sends, complaint rate = complaints /
 * deliveries (0 without deliveries), delivery rate = deliveries / sends. Reaching an SES critical
 * threshold costs half (bounces) or 40% (complaints) of the score, so a score under 50 means SES review.
 */
export function reputationScore(counts: DeliverabilityCounts): number | null {
  if (counts.sends <= 0) return null;
  const bounceRate = (counts.hardBounces + counts.softBounces) / counts.sends;
  const complaintRate = counts.deliveries > 0 ? counts.complaints / counts.deliveries : 0;
  const deliveryRate = Math.min(1, counts.deliveries / counts.sends);
  const score =
    100 -
    50 * Math.min(1, bounceRate / 0.1) -
    40 * Math.min(1, complaintRate / 0.001) -
    10 * (1 - deliveryRate);
  return Math.max(0, Math.round(score));
}

const CATEGORIES: Record<string, string> = {
  NoEmail: 'Invalid address',
  Suppressed: 'Suppressed',
  OnAccountSuppressionList: 'Suppressed',
  MailboxFull: 'Mailbox full',
  MessageTooLarge: 'Message too large',
  ContentRejected: 'Content or policy rejection',
  AttachmentRejected: 'Content or policy rejection',
};

/** Bounce sub-type → reason category (list quality, mailbox full, policy, …); unknown → its type. */
export function bounceCategory(bounceType: string, bounceSubType: string): string {
  const known = CATEGORIES[bounceSubType];
  if (known) return known;
  if (bounceType === 'Permanent') return 'Permanent failure (other)';
  if (bounceType === 'Transient') return 'Temporary failure (other)';
  return 'Undetermined';
}
