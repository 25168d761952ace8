import { type Static, Type } from '@sinclair/typebox';
import { OptionalNullableString, OptionalString, TagMap } from './schema-helpers.ts';

/**
 * The per-type objects of an SES event `detail`, as documented in "Contents of event data that
 * Amazon SES publishes to Amazon SNS" (same records go to EventBridge). Recipient lists are required
 * (they drive the row fan-out); every other field is optional because SES omits them whenever the
 * receiving MTA did not provide them (no DSN, no feedback report, ...).
 */

/** `bounce.bouncedRecipients[]`: `action`/`status`/`diagnosticCode` only when a DSN was attached. */
export const BouncedRecipientSchema = Type.Object({
  emailAddress: Type.String(),
  action: OptionalString(),
  status: OptionalString(),
  diagnosticCode: OptionalString(),
});

export const BounceSchema = Type.Object({
  bounceType: OptionalString(),
  bounceSubType: OptionalString(),
  bouncedRecipients: Type.Array(BouncedRecipientSchema),
  timestamp: OptionalString(),
  feedbackId: OptionalString(),
  reportingMTA: OptionalString(),
  remoteMtaIp: OptionalString(),
});

export const ComplaintSchema = Type.Object({
  complainedRecipients: Type.Array(Type.Object({ emailAddress: Type.String() })),
  timestamp: OptionalString(),
  feedbackId: OptionalString(),
  /** Documented as "either null or OnAccountSuppressionList". */
  complaintSubType: OptionalNullableString(),
  userAgent: OptionalString(),
  complaintFeedbackType: OptionalString(),
  arrivalDate: OptionalString(),
});

export const DeliverySchema = Type.Object({
  timestamp: OptionalString(),
  processingTimeMillis: Type.Optional(Type.Number()),
  recipients: Type.Array(Type.String()),
  smtpResponse: OptionalString(),
  reportingMTA: OptionalString(),
  remoteMtaIp: OptionalString(),
});

/** Documented as "always empty". */
export const SendSchema = Type.Object({});

export const RejectSchema = Type.Object({
  reason: OptionalString(),
});

export const OpenSchema = Type.Object({
  ipAddress: OptionalString(),
  timestamp: OptionalString(),
  userAgent: OptionalString(),
});

export const ClickSchema = Type.Object({
  ipAddress: OptionalString(),
  timestamp: OptionalString(),
  userAgent: OptionalString(),
  link: OptionalString(),
  linkTags: Type.Optional(TagMap()),
});

/** `failure`, present when `eventType` is `Rendering Failure`. */
export const RenderingFailureSchema = Type.Object({
  templateName: OptionalString(),
  errorMessage: OptionalString(),
});

export const DelayedRecipientSchema = Type.Object({
  emailAddress: Type.String(),
  status: OptionalString(),
  diagnosticCode: OptionalString(),
});

export const DeliveryDelaySchema = Type.Object({
  delayType: OptionalString(),
  delayedRecipients: Type.Array(DelayedRecipientSchema),
  expirationTime: OptionalString(),
  reportingMTA: OptionalString(),
  timestamp: OptionalString(),
});

export const TopicPreferencesSchema = Type.Object({
  unsubscribeAll: Type.Optional(Type.Boolean()),
  topicSubscriptionStatus: Type.Optional(
    Type.Array(Type.Object({ topicName: Type.String(), subscriptionStatus: Type.String() })),
  ),
  topicDefaultSubscriptionStatus: OptionalString(),
});

export const SubscriptionSchema = Type.Object({
  contactList: OptionalString(),
  timestamp: OptionalString(),
  source: OptionalString(),
  newTopicPreferences: Type.Optional(TopicPreferencesSchema),
  oldTopicPreferences: Type.Optional(TopicPreferencesSchema),
});

export type SesBounce = Static<typeof BounceSchema>;
export type SesBouncedRecipient = Static<typeof BouncedRecipientSchema>;
export type SesComplaint = Static<typeof ComplaintSchema>;
export type SesDelivery = Static<typeof DeliverySchema>;
export type SesReject = Static<typeof RejectSchema>;
export type SesOpen = Static<typeof OpenSchema>;
export type SesClick = Static<typeof ClickSchema>;
export type SesRenderingFailure = Static<typeof RenderingFailureSchema>;
export type SesDeliveryDelay = Static<typeof DeliveryDelaySchema>;
export type SesDelayedRecipient = Static<typeof DelayedRecipientSchema>;
export type SesSubscription = Static<typeof SubscriptionSchema>;
