import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  BounceSchema,
  ClickSchema,
  ComplaintSchema,
  DeliveryDelaySchema,
  DeliverySchema,
  OpenSchema,
  RejectSchema,
  RenderingFailureSchema,
  SendSchema,
  SubscriptionSchema,
} from './event-objects-schema.ts';
import { MailSchema } from './mail-schema.ts';
import type { SesEventType } from './ses-event-types.ts';

/**
 * SES event `detail` (the event record itself: EventBridge puts the same JSON SES publishes to SNS or
 * Firehose into `detail`). One schema per event type so a Bounce is checked as a bounce; an unknown
 * future `eventType` is only checked for `eventType` + `mail`, so it is stored rather than rejected.
 */
const baseProperties = {
  eventType: Type.String({ minLength: 1 }),
  mail: MailSchema,
};

/** What every event, known or not, must have. */
export const BaseDetailSchema = Type.Object(baseProperties);

/** The union of all documented fields, every type-specific object optional: the static type of `detail`. */
export const SesEventDetailSchema = Type.Object({
  ...baseProperties,
  send: Type.Optional(SendSchema),
  delivery: Type.Optional(DeliverySchema),
  bounce: Type.Optional(BounceSchema),
  complaint: Type.Optional(ComplaintSchema),
  reject: Type.Optional(RejectSchema),
  open: Type.Optional(OpenSchema),
  click: Type.Optional(ClickSchema),
  deliveryDelay: Type.Optional(DeliveryDelaySchema),
  failure: Type.Optional(RenderingFailureSchema),
  subscription: Type.Optional(SubscriptionSchema),
});

export type SesEventDetail = Static<typeof SesEventDetailSchema>;

/**
 * Per-type schemas. Objects carrying the recipients we fan out on (bounce, complaint, delivery,
 * deliveryDelay) are required: without them the event cannot be attributed to the right recipients.
 * The others only add columns, so a missing one costs nothing but empty strings.
 */
export const DETAIL_SCHEMA_BY_TYPE: Readonly<Record<SesEventType, TSchema>> = {
  Send: Type.Object({ ...baseProperties, send: Type.Optional(SendSchema) }),
  Delivery: Type.Object({ ...baseProperties, delivery: DeliverySchema }),
  Bounce: Type.Object({ ...baseProperties, bounce: BounceSchema }),
  Complaint: Type.Object({ ...baseProperties, complaint: ComplaintSchema }),
  Reject: Type.Object({ ...baseProperties, reject: Type.Optional(RejectSchema) }),
  Open: Type.Object({ ...baseProperties, open: Type.Optional(OpenSchema) }),
  Click: Type.Object({ ...baseProperties, click: Type.Optional(ClickSchema) }),
  DeliveryDelay: Type.Object({ ...baseProperties, deliveryDelay: DeliveryDelaySchema }),
  'Rendering Failure': Type.Object({ ...baseProperties, failure: Type.Optional(RenderingFailureSchema) }),
  Subscription: Type.Object({ ...baseProperties, subscription: Type.Optional(SubscriptionSchema) }),
};
