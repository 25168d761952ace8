import { DomainError } from '@sendops/db';
import {
  ListQueryError,
  MESSAGE_STATUSES,
  SES_EVENT_TYPE_NAMES,
  SUPPRESSION_REASONS,
} from '@sendops/reports';
import { type TSchema, Type } from '@sinclair/typebox';
import { ReportQuerystring } from './report-query.ts';

/** A string enum (TypeBox keeps the literal type; OpenAPI gets `enum`). */
function oneOf<T extends string>(values: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/** Schemas of the Messages tab and Suppression list routes (dashboard and `/v1`). */

export const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

const Limit = Type.Integer({ minimum: 1, maximum: 500, description: 'Page size. Default 50.' });
const Cursor = Type.String({ maxLength: 1000, description: 'nextCursor of the previous page (opaque).' });
const Recipient = Type.String({
  minLength: 1,
  maxLength: 320,
  description:
    'Recipient search, case-insensitive: a complete address matches exactly, anything else as a substring. Dashboard: needs recipients.search.',
});

export const MessageListParams = Type.Object({
  status: Type.Optional(oneOf(MESSAGE_STATUSES, 'Current status (see the precedence in the API reference).')),
  identity: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Sending identity.' })),
  template: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  recipient: Type.Optional(Recipient),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const EventLogParams = Type.Object({
  type: Type.Optional(
    Type.String({
      maxLength: 300,
      description: `Comma-separated SES event types: ${SES_EVENT_TYPE_NAMES.join(', ')}.`,
    }),
  ),
  recipient: Type.Optional(Recipient),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const SuppressionParams = Type.Object({
  recipient: Type.Optional(Recipient),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const MessagesQuerystring = Type.Composite([ReportQuerystring, MessageListParams]);
export const EventsQuerystring = Type.Composite([
  ReportQuerystring,
  EventLogParams,
  Type.Object({
    since: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'watermark of an earlier answer: answers changed=false (and no rows) when nothing new arrived.',
      }),
    ),
  }),
]);
export const SuppressionsQuerystring = Type.Composite([ReportQuerystring, SuppressionParams]);

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = oneOf(MESSAGE_STATUSES);
const Flag = Type.Union([Type.Literal('privacy_proxy'), Type.Literal('image_proxy'), Type.Literal('bot')]);

export const MessageRowSchema = Type.Object({
  messageId: Type.String(),
  recipient: Type.String(),
  status: Status,
  subject: Type.String(),
  from: Type.String(),
  sendingIdentity: Type.String(),
  template: Type.String(),
  channelId: Type.String(),
  sentAt: Type.String({ format: 'date-time' }),
  latestEventAt: Type.String({ format: 'date-time' }),
  events: Type.Integer(),
});

export const MessagePageSchema = Type.Object({
  items: Type.Array(MessageRowSchema),
  nextCursor: Nullable(Type.String()),
});

const TimelineEventSchema = Type.Object({
  eventId: Type.String(),
  type: Type.String(),
  status: Nullable(Status),
  at: Type.String({ format: 'date-time' }),
  diagnosticCode: Type.String(),
  dsnStatus: Type.String(),
  smtpResponse: Type.String(),
  processingTimeMs: Nullable(Type.Integer()),
  bounceType: Type.String(),
  bounceSubType: Type.String(),
  complaintFeedbackType: Type.String(),
  complaintSubType: Type.String(),
  delayType: Type.String(),
  rejectReason: Type.String(),
  renderingError: Type.String(),
  link: Type.String(),
  userAgent: Type.String(),
  ipAddress: Type.String(),
  flags: Type.Array(Flag),
  raw: Type.Unknown({ description: 'The EventBridge envelope as received.' }),
});

export const MessageDetailSchema = Type.Object({
  messageId: Type.String(),
  recipient: Type.String(),
  recipients: Type.Array(Type.String()),
  status: Nullable(Status),
  subject: Type.String(),
  from: Type.String(),
  sendingIdentity: Type.String(),
  template: Type.String(),
  channelId: Type.String(),
  configurationSet: Type.String(),
  sentAt: Type.String({ format: 'date-time' }),
  latestEventAt: Type.String({ format: 'date-time' }),
  deliveryProcessingMs: Nullable(Type.Integer()),
  headers: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  tags: Type.Record(Type.String(), Type.Array(Type.String())),
  bounce: Nullable(
    Type.Object({
      type: Type.String(),
      subType: Type.String(),
      diagnosticCode: Type.String(),
      dsnStatus: Type.String(),
      action: Type.String(),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
  complaint: Nullable(
    Type.Object({
      feedbackType: Type.String(),
      subType: Type.String(),
      userAgent: Type.String(),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
  opens: Type.Object({ total: Type.Integer(), flagged: Type.Integer() }),
  clicks: Type.Object({
    total: Type.Integer(),
    flagged: Type.Integer(),
    links: Type.Array(Type.Object({ link: Type.String(), clicks: Type.Integer() })),
  }),
  timeline: Type.Array(TimelineEventSchema),
});

export const EventLogRowSchema = Type.Object({
  eventId: Type.String(),
  type: Type.String(),
  at: Type.String({ format: 'date-time' }),
  messageId: Type.String(),
  recipient: Type.String(),
  subject: Type.String(),
  channelId: Type.String(),
  detail: Type.String(),
});

export const EventLogPageSchema = Type.Object({
  items: Type.Array(EventLogRowSchema),
  nextCursor: Nullable(Type.String()),
  watermark: Nullable(Type.String({ description: 'Pass back as `since` to poll cheaply.' })),
  changed: Type.Boolean({ description: 'false only when `since` was given and nothing new arrived.' }),
});

export const SuppressionRowSchema = Type.Object({
  address: Type.String(),
  reason: oneOf(SUPPRESSION_REASONS),
  detail: Type.String(),
  diagnosticCode: Type.String(),
  suppressedAt: Type.String({ format: 'date-time' }),
  messageId: Type.String(),
});

export const SuppressionPageSchema = Type.Object({
  items: Type.Array(SuppressionRowSchema),
  nextCursor: Nullable(Type.String()),
});

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

/** `type=Bounce,Complaint` → the event types; unknown names are a 400. */
export function eventTypesOf(value: string | undefined): string[] {
  const types = (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const type of types) {
    if (!(SES_EVENT_TYPE_NAMES as readonly string[]).includes(type)) {
      throw new DomainError('invalid', `querystring/type ${type} is not an SES event type`);
    }
  }
  return types;
}

/** A bad cursor or watermark is the client's mistake: 400 `invalid`, never a 500. */
export async function listAnswer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ListQueryError) throw new DomainError('invalid', error.message);
    throw error;
  }
}
