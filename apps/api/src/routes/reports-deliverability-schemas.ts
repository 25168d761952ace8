import { type TSchema, Type } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Pct = (description: string) => Nullable(Type.Number({ description }));
const Count = (description: string) => Type.Integer({ minimum: 0, description });
const BucketSize = Type.Union([Type.Literal('hour'), Type.Literal('day')], {
  description: 'hour for ranges up to 48 hours, else day; buckets start in the `tz` time zone',
});
const Start = Type.String({
  description: 'Bucket start (local midnight/hour in `tz`) as an ISO 8601 UTC instant',
});

const DeliverabilityCounts = {
  sends: Count('Send events (one per recipient); rejected messages have none'),
  deliveries: Count('Delivery events'),
  hardBounces: Count('Bounce events with bounceType Permanent'),
  softBounces: Count('Bounce events with bounceType Transient or Undetermined'),
  complaints: Count('Complaint events'),
  rejects: Count('Reject events'),
};
const DeliverabilityRates = {
  hardBouncePct: Pct('hardBounces / sends, %, 2 decimals; null without sends'),
  softBouncePct: Pct('softBounces / sends, %, 2 decimals'),
  totalBouncePct: Pct('(hardBounces + softBounces) / sends, %, 2 decimals'),
  complaintPct: Pct('complaints / deliveries, %, 3 decimals'),
  deliveryPct: Pct('deliveries / sends, %, 2 decimals'),
};
const Threshold = Type.Object({ warning: Type.Number(), critical: Type.Number() });

export const DeliverabilityReportSchema = Type.Object({
  totals: Type.Object({
    ...DeliverabilityCounts,
    ...DeliverabilityRates,
    reputationScore: Nullable(
      Type.Integer({
        minimum: 0,
        maximum: 100,
        description:
          'round(100 − 50·min(1, bounce rate/10%) − 40·min(1, complaint rate/0.1%) − 10·(1 − min(1, delivery rate))); null without sends',
      }),
    ),
  }),
  thresholds: Type.Object(
    { bounce: Threshold, complaint: Threshold },
    { description: 'AWS SES review thresholds in percent (bounce 5/10, complaint 0.08/0.1)' },
  ),
  bucketSize: BucketSize,
  trend: Type.Array(Type.Object({ start: Start, ...DeliverabilityCounts, ...DeliverabilityRates })),
  bounceReasons: Type.Array(
    Type.Object({
      bounceType: Type.String(),
      bounceSubType: Type.String(),
      category: Type.String({ description: 'Readable grouping of the sub-type' }),
      bounces: Count('Bounce events of this type/sub-type'),
      pct: Pct('Share of all bounces, %, 2 decimals'),
    }),
  ),
  complaintReasons: Type.Array(
    Type.Object({
      feedbackType: Type.String({ description: 'ARF feedback type; not-specified when absent' }),
      complaints: Count('Complaint events of this feedback type'),
      pct: Pct('Share of all complaints, %, 2 decimals'),
    }),
  ),
});

export const ProviderRowSchema = Type.Object({
  provider: Type.String({ description: 'Canonical provider or raw recipient domain; Other = long tail' }),
  isOther: Type.Boolean(),
  sends: Count('Send events'),
  deliveries: Count('Delivery events'),
  bounces: Count('Bounce events'),
  complaints: Count('Complaint events'),
  rejects: Count('Reject events'),
  bouncePct: Pct('bounces / sends, %, 2 decimals'),
  complaintPct: Pct('complaints / sends, %, 3 decimals'),
  rejectPct: Pct('rejects / (sends + rejects), %, 2 decimals'),
  bouncePctDelta: Pct('Change in percentage points vs the previous period; null when either has no sends'),
  complaintPctDelta: Pct('Change in percentage points vs the previous period (3 decimals)'),
  rejectPctDelta: Pct('Change in percentage points vs the previous period'),
});

export const PROVIDER_SORT_KEYS = [
  'provider',
  'sends',
  'deliveries',
  'bounces',
  'bouncePct',
  'complaints',
  'complaintPct',
  'rejects',
  'rejectPct',
] as const;

export const ProviderSortQuerystring = Type.Object({
  sort: Type.Optional(
    Type.Union(
      PROVIDER_SORT_KEYS.map((key) => Type.Literal(key)),
      { description: 'Column to sort by (default sends, descending); Other always stays last' },
    ),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Default desc' }),
  ),
});

export const ProviderReportSchema = Type.Object({
  previous: Type.Object(
    { from: Type.String(), to: Type.String() },
    { description: 'The equal-length period just before [from, to) the deltas compare against' },
  ),
  items: Type.Array(ProviderRowSchema, { description: 'Top 8 providers by sends, then Other' }),
  nextCursor: Type.Null({ description: 'Always null: the table is one page' }),
});

const LatencyFigures = {
  deliveries: Count('Delivery events measured'),
  p50: Nullable(
    Type.Integer({ description: 'ms; value at 0-based position ⌊0.5·n⌋ of sorted processing times' }),
  ),
  p95: Nullable(Type.Integer({ description: 'ms; position ⌊0.95·n⌋' })),
  p99: Nullable(Type.Integer({ description: 'ms; position ⌊0.99·n⌋ (capped at n − 1)' })),
};

export const LatencyReportSchema = Type.Object({
  totals: Type.Object(LatencyFigures),
  bucketSize: BucketSize,
  trend: Type.Array(Type.Object({ start: Start, ...LatencyFigures })),
});

const EngagementFigures = {
  deliveries: Count('Delivery events'),
  uniqueOpens: Count('Distinct (message, recipient) with an Open event'),
  uniqueClicks: Count('Distinct (message, recipient) with a Click event'),
  openPct: Pct('uniqueOpens / deliveries, %, 2 decimals'),
  clickPct: Pct('uniqueClicks / deliveries, %, 2 decimals'),
};

export const EngagementReportSchema = Type.Object({
  totals: Type.Object(EngagementFigures),
  bucketSize: BucketSize,
  trend: Type.Array(Type.Object({ start: Start, ...EngagementFigures })),
  domains: Type.Array(Type.Object({ recipientDomain: Type.String(), ...EngagementFigures }), {
    description: 'Top 10 recipient domains by deliveries',
  }),
  templates: Type.Array(
    Type.Object({
      template: Type.String({ description: "'' for messages without a template" }),
      sent: Count('Send events'),
      ...EngagementFigures,
      bounces: Count('Bounce events'),
      complaints: Count('Complaint events'),
      bouncePct: Pct('bounces / sent, %, 2 decimals'),
      complaintPct: Pct('complaints / deliveries, %, 3 decimals'),
    }),
  ),
});
