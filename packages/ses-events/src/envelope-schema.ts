import { type Static, Type } from '@sinclair/typebox';
import { IsoTime } from './schema-helpers.ts';
import type { SesEventDetail } from './ses-detail-schema.ts';

/**
 * The EventBridge event envelope as an API destination delivers it (the whole event is the POST
 * body). Fields per the EventBridge "AWS service event metadata" reference; `detail` is checked
 * separately, per detail-type.
 */
export const EnvelopeSchema = Type.Object({
  version: Type.String(),
  id: Type.String({ minLength: 1 }),
  'detail-type': Type.String({ minLength: 1 }),
  source: Type.String({ minLength: 1 }),
  account: Type.String(),
  time: IsoTime(),
  region: Type.String(),
  resources: Type.Array(Type.String()),
  detail: Type.Object({}),
});

/** Envelope metadata shared by every `aws.ses` event. */
export type EventBridgeEnvelopeFields = Omit<Static<typeof EnvelopeSchema>, 'detail'>;

/** An SES email sending event (`Email Sent`, `Email Bounced`, ... or an unknown future type). */
export interface SesEventEnvelope extends EventBridgeEnvelopeFields {
  detail: SesEventDetail;
}

/** An account-level `aws.ses` event (sending status, advisor recommendation, or another non-mail type). */
export interface AccountEventEnvelope extends EventBridgeEnvelopeFields {
  detail: Record<string, unknown>;
}
