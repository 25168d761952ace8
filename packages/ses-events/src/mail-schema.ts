import { type Static, Type } from '@sinclair/typebox';
import { IsoTime, OptionalString, TagMap } from './schema-helpers.ts';

/**
 * The `mail` object every SES email sending event carries ("Contents of event data that Amazon SES
 * publishes", Mail object). Only what identifies the message is required; real events omit
 * `headers`/`commonHeaders` (Rendering Failure, DeliveryDelay), `sourceArn` (Open, Click) and more.
 * Unknown extra fields are allowed everywhere so new SES fields never cause rejections.
 */
export const MailHeaderSchema = Type.Object({
  name: Type.String(),
  value: Type.String(),
});

export const CommonHeadersSchema = Type.Object({
  from: Type.Optional(Type.Array(Type.String())),
  to: Type.Optional(Type.Array(Type.String())),
  cc: Type.Optional(Type.Array(Type.String())),
  bcc: Type.Optional(Type.Array(Type.String())),
  replyTo: Type.Optional(Type.Array(Type.String())),
  returnPath: OptionalString(),
  date: OptionalString(),
  messageId: OptionalString(),
  subject: OptionalString(),
});

export const MailSchema = Type.Object({
  timestamp: IsoTime(),
  messageId: Type.String({ minLength: 1 }),
  /** Envelope MAIL FROM; may carry a display name (`Sender Name <sender@example.com>`). */
  source: Type.String(),
  sourceArn: OptionalString(),
  sendingAccountId: OptionalString(),
  destination: Type.Array(Type.String()),
  headersTruncated: Type.Optional(Type.Boolean()),
  headers: Type.Optional(Type.Array(MailHeaderSchema)),
  commonHeaders: Type.Optional(CommonHeadersSchema),
  tags: Type.Optional(TagMap()),
});

export type SesMail = Static<typeof MailSchema>;
export type SesMailHeader = Static<typeof MailHeaderSchema>;
