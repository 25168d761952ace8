export { benchCounts } from './bench-arguments.ts';
export { type BulkLoadOptions, type BulkLoadProgress, type BulkLoadResult, bulkLoad } from './bulk-load.ts';
export { type BulkOrganization, bulkProfiles } from './bulk-organizations.ts';
export {
  createDemoStream,
  type DemoStream,
  type DemoStreamOptions,
  type DemoStreamStats,
} from './demo-stream.ts';
export { envelopeJson, type RawMode } from './envelope-json.ts';
export type { EventBridgeEnvelope, SesEventDetail, SesEventType, SesMail } from './envelope-types.ts';
export { DETAIL_TYPES } from './envelope-types.ts';
export {
  type GenerateEventsOptions,
  type GenerateOptions,
  generateEnvelopes,
  generateEvents,
  generateMessages,
  streamMessages,
} from './generate-messages.ts';
export { LiveEventSource, type LiveSourceOptions } from './live-source.ts';
export { TEMPLATE_TAG } from './mail-object.ts';
export type { SimulatedMessage, SimulatedRecipient } from './message-builder.ts';
export type { SimulatedEvent } from './message-context.ts';
export {
  type ChannelProfile,
  DEFAULT_CHANNELS,
  DEMO_ORGANIZATION,
  type OrganizationProfile,
  organizationFromIdentities,
  SIMULATED_ORGANIZATIONS,
} from './organizations.ts';
export { LOCAL_PART_OUTCOMES, type Outcome, outcomeForAddress } from './outcomes.ts';
export { Pacer } from './pacer.ts';
export {
  clockSeed,
  type PostAttempt,
  type PostEventsOptions,
  type PostEventsResult,
  postEvents,
} from './post-events.ts';
export { Random } from './random.ts';
export { parseRetryAfter, retryDelayMs, shouldRetry } from './retry-policy.ts';
export { type ChannelPurpose, DEFAULT_TEMPLATES, type TemplateProfile } from './templates.ts';
