export {
  type BounceReason,
  bounceCategory,
  type ComplaintReason,
  type DeliverabilityBucket,
  type DeliverabilityCounts,
  type DeliverabilityRates,
  type DeliverabilityReport,
  deliverabilityReport,
  reputationScore,
  SES_THRESHOLDS,
} from './deliverability-report.ts';
export {
  type LatencyBucket,
  type LatencyFigures,
  type LatencyReport,
  latencyReport,
} from './latency-report.ts';
export {
  OTHER_PROVIDER,
  type ProviderCounts,
  type ProviderReport,
  type ProviderRow,
  type ProviderSortKey,
  providerReport,
  sortProviders,
  TOP_PROVIDERS,
} from './provider-report.ts';
export { COMPLAINT_RATE_DIGITS, deltaPoints, percent, RATE_DIGITS } from './rates.ts';
export { type BucketSize, bucketSizeOf } from './time-buckets.ts';
