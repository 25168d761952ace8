/** Public surface of @sendops/ses-events: parse EventBridge bodies from `aws.ses`, turn them into ClickHouse rows. */
export type { AdvisorRecommendationDetail, SendingStatusDetail } from './account-detail-schema.ts';
export { type EncodedEventRows, encodeEventRows, rawColumn } from './encode-event-rows.ts';
export type { AccountEventEnvelope, EventBridgeEnvelopeFields, SesEventEnvelope } from './envelope-schema.ts';
export type { SesBouncedRecipient, SesDelayedRecipient } from './event-objects-schema.ts';
export { type AccountEventRow, type DeadLetterRow, type EventRow, toClickhouseTime } from './event-row.ts';
export { sendingIdentityCandidates } from './identity.ts';
export { configurationSetOf } from './mail-fields.ts';
export type { SesMail, SesMailHeader } from './mail-schema.ts';
export { type InvalidReason, type ParseResult, parseEventBridgeBody } from './parse-eventbridge-body.ts';
export { KNOWN_PROVIDERS, providerForDomain } from './providers.ts';
export type { SesEventDetail } from './ses-detail-schema.ts';
export {
  SES_ACCOUNT_DETAIL_TYPES,
  SES_DETAIL_TYPES,
  SES_EVENT_TYPES,
  type SesAccountDetailType,
  type SesEventType,
} from './ses-event-types.ts';
export { DEFAULT_TEMPLATE_TAG_NAMES } from './template.ts';
export { type AccountEventContext, toAccountEventRow } from './to-account-event-row.ts';
export { type NormalizeContext, toEventRows } from './to-event-rows.ts';
