import { accountDetailCheckFor, detailCheckFor, envelopeCheck } from './compiled-schemas.ts';
import type { AccountEventEnvelope, SesEventEnvelope } from './envelope-schema.ts';
import { describeFirstError, isRecord } from './schema-error.ts';
import { isParsableTime } from './schema-helpers.ts';
import { isAccountDetailType, isEmailDetailType } from './ses-event-types.ts';

export type InvalidReason = 'not_eventbridge' | 'not_ses' | 'schema';

export type ParseResult =
  | { kind: 'ses_event'; envelope: SesEventEnvelope }
  | { kind: 'account_event'; envelope: AccountEventEnvelope }
  | { kind: 'invalid'; reason: InvalidReason; message: string; eventId?: string };

const SES_SOURCE = 'aws.ses';

/**
 * Classifies and validates one EventBridge request body (the parsed JSON object, or its text).
 *
 * - `not_eventbridge`: not an EventBridge envelope (or its `time` is unusable).
 * - `not_ses`: a valid envelope from another `source`.
 * - `schema`: an `aws.ses` event whose `detail` breaks the documented shape; `message` names the field.
 * - `ses_event`: an email sending event. Known detail-types are checked per `eventType`; an unknown
 *   detail-type whose detail has `eventType`/`mail` is treated as a future email event type.
 * - `account_event`: anything else from `aws.ses` (sending status, advisor recommendations, future types).
 *
 * Uses only pre-compiled checks, so a valid event costs a few microseconds.
 */
export function parseEventBridgeBody(body: unknown): ParseResult {
  const value = typeof body === 'string' ? parseJson(body) : body;
  if (!isRecord(value)) {
    const message =
      typeof body === 'string' && value === undefined ? 'Body is not valid JSON' : '(root): Expected object';
    return invalid('not_eventbridge', message);
  }
  const eventId = typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
  if (!envelopeCheck.Check(value)) {
    return invalid('not_eventbridge', describeFirstError(envelopeCheck, value, value), eventId);
  }
  if (!isParsableTime(value.time))
    return invalid('not_eventbridge', 'time: Expected ISO 8601 date-time', eventId);
  if (value.source !== SES_SOURCE) {
    return invalid('not_ses', `source: Expected '${SES_SOURCE}', got '${value.source}'`, eventId);
  }

  const detailType = value['detail-type'];
  const detail: Record<string, unknown> = value.detail;
  if (isEmailEvent(detailType, detail)) {
    const check = detailCheckFor(typeof detail.eventType === 'string' ? detail.eventType : '');
    if (!check.Check(detail))
      return invalid('schema', describeFirstError(check, detail, value, '/detail'), eventId);
    const envelope = value as unknown as SesEventEnvelope;
    if (!isParsableTime(envelope.detail.mail.timestamp)) {
      return invalid('schema', 'detail.mail.timestamp: Expected ISO 8601 date-time', eventId);
    }
    return { kind: 'ses_event', envelope };
  }

  const accountCheck = accountDetailCheckFor(detailType);
  if (accountCheck !== undefined && !accountCheck.Check(detail)) {
    return invalid('schema', describeFirstError(accountCheck, detail, value, '/detail'), eventId);
  }
  return { kind: 'account_event', envelope: value as AccountEventEnvelope };
}

/** Known email detail-types always; unknown ones when the detail looks like an SES event record. */
function isEmailEvent(detailType: string, detail: Record<string, unknown>): boolean {
  if (isEmailDetailType(detailType)) return true;
  if (isAccountDetailType(detailType)) return false;
  return 'eventType' in detail || 'mail' in detail;
}

function invalid(reason: InvalidReason, message: string, eventId?: string): ParseResult {
  return eventId === undefined
    ? { kind: 'invalid', reason, message }
    : { kind: 'invalid', reason, message, eventId };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
