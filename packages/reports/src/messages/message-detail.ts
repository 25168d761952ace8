import { type AnalyticsStore, FINAL_SETTINGS, qualified } from '@sendops/analytics';
import { type EngagementFlag, engagementFlags } from './engagement-flags.ts';
import { isoOf } from './keyset-cursor.ts';
import { type MessageStatus, STATUS_OF_EVENT_TYPE, statusOfEventTypes } from './message-status.ts';

/** One event in a message's timeline, oldest first. */
export interface TimelineEvent {
  eventId: string;
  type: string;
  /** The status this event stands for (null for types that set none, e.g. Subscription). */
  status: MessageStatus | null;
  at: string;
  diagnosticCode: string;
  dsnStatus: string;
  smtpResponse: string;
  processingTimeMs: number | null;
  bounceType: string;
  bounceSubType: string;
  complaintFeedbackType: string;
  complaintSubType: string;
  delayType: string;
  rejectReason: string;
  renderingError: string;
  link: string;
  userAgent: string;
  ipAddress: string;
  flags: EngagementFlag[];
  /** The EventBridge envelope as received (parsed JSON; the text when it does not parse). */
  raw: unknown;
}

export interface MessageDetail {
  messageId: string;
  recipient: string;
  /** Every recipient of the message (the detail shows one at a time). */
  recipients: string[];
  status: MessageStatus | null;
  subject: string;
  from: string;
  sendingIdentity: string;
  template: string;
  channelId: string;
  configurationSet: string;
  sentAt: string;
  latestEventAt: string;
  /** `delivery.processingTimeMillis`: SES accepting the message → the receiving server accepting it. */
  deliveryProcessingMs: number | null;
  headers: { name: string; value: string }[];
  tags: Record<string, string[]>;
  bounce: {
    type: string;
    subType: string;
    diagnosticCode: string;
    dsnStatus: string;
    action: string;
    at: string;
  } | null;
  complaint: { feedbackType: string; subType: string; userAgent: string; at: string } | null;
  opens: { total: number; flagged: number };
  clicks: { total: number; flagged: number; links: { link: string; clicks: number }[] };
  timeline: TimelineEvent[];
}

interface StoredEvent {
  event_id: string;
  event_type: string;
  event_time: string;
  send_time: string;
  recipient: string;
  subject: string;
  source_address: string;
  sending_identity: string;
  template: string;
  channel_id: string;
  configuration_set: string;
  tags: Record<string, string[]>;
  bounce_type: string;
  bounce_sub_type: string;
  diagnostic_code: string;
  dsn_status: string;
  dsn_action: string;
  complaint_feedback_type: string;
  complaint_sub_type: string;
  processing_time_ms: number;
  smtp_response: string;
  delay_type: string;
  link: string;
  user_agent: string;
  ip_address: string;
  reject_reason: string;
  rendering_error: string;
  raw: string;
}

/**
 * One message for one recipient: every event (read with FINAL, so a retried event shows once), oldest
 * first. Without `recipient` the message's first recipient (alphabetically) is shown. Null when the
 * organization has no such message (or no such recipient of it).
 */
export async function getMessageDetail(
  store: AnalyticsStore,
  organizationId: string,
  messageId: string,
  recipient?: string,
): Promise<MessageDetail | null> {
  const result = await store.client.query({
    query: `SELECT event_id, event_type, event_time, send_time, recipient, subject, source_address,
                   sending_identity, template, channel_id, configuration_set, tags, bounce_type,
                   bounce_sub_type, diagnostic_code, dsn_status, dsn_action, complaint_feedback_type,
                   complaint_sub_type, processing_time_ms, smtp_response, delay_type, link, user_agent,
                   ip_address, reject_reason, rendering_error, raw
            FROM ${qualified(store, 'ses_events')} FINAL
            WHERE organization_id = {organizationId:UUID} AND message_id = {messageId:String}
            ORDER BY event_time, event_id, recipient`,
    query_params: { organizationId, messageId },
    clickhouse_settings: FINAL_SETTINGS,
    format: 'JSONEachRow',
  });
  const all = await result.json<StoredEvent>();
  const recipients = [...new Set(all.map((e) => e.recipient).filter((r) => r !== ''))].sort();
  const shown = recipient === undefined ? recipients[0] : recipient.trim().toLowerCase();
  if (shown === undefined || !recipients.includes(shown)) return null;
  // Events SES sent without a recipient (none in practice) belong to every recipient's timeline.
  const events = all.filter((e) => e.recipient === shown || e.recipient === '');
  return detailOf(messageId, shown, recipients, events);
}

function detailOf(
  messageId: string,
  recipient: string,
  recipients: string[],
  events: StoredEvent[],
): MessageDetail {
  const first = events[0] as StoredEvent;
  const last = events.at(-1) as StoredEvent;
  const delivery = events.find((e) => e.event_type === 'Delivery');
  const deliveredAtMs = delivery ? Date.parse(isoOf(delivery.event_time)) : undefined;
  const bounce = events.findLast((e) => e.event_type === 'Bounce');
  const complaint = events.findLast((e) => e.event_type === 'Complaint');
  const timeline = events.map((e) => timelineEvent(e, deliveredAtMs));
  const opens = timeline.filter((e) => e.type === 'Open');
  const clicks = timeline.filter((e) => e.type === 'Click');
  const links = new Map<string, number>();
  for (const click of clicks) links.set(click.link, (links.get(click.link) ?? 0) + 1);
  const withSubject = events.find((e) => e.subject !== '') ?? first;
  return {
    messageId,
    recipient,
    recipients,
    status: statusOfEventTypes(events.map((e) => e.event_type)) ?? null,
    subject: withSubject.subject,
    from: first.source_address,
    sendingIdentity: first.sending_identity,
    template: events.find((e) => e.template !== '')?.template ?? '',
    channelId: events.find((e) => e.channel_id !== '')?.channel_id ?? '',
    configurationSet: first.configuration_set,
    sentAt: isoOf(first.send_time),
    latestEventAt: isoOf(last.event_time),
    deliveryProcessingMs: delivery ? Number(delivery.processing_time_ms) : null,
    headers: headersOf(events),
    tags: first.tags,
    bounce: bounce
      ? {
          type: bounce.bounce_type,
          subType: bounce.bounce_sub_type,
          diagnosticCode: bounce.diagnostic_code,
          dsnStatus: bounce.dsn_status,
          action: bounce.dsn_action,
          at: isoOf(bounce.event_time),
        }
      : null,
    complaint: complaint
      ? {
          feedbackType: complaint.complaint_feedback_type,
          subType: complaint.complaint_sub_type,
          userAgent: complaint.user_agent,
          at: isoOf(complaint.event_time),
        }
      : null,
    opens: { total: opens.length, flagged: opens.filter((e) => e.flags.length > 0).length },
    clicks: {
      total: clicks.length,
      flagged: clicks.filter((e) => e.flags.length > 0).length,
      links: [...links].map(([link, count]) => ({ link, clicks: count })),
    },
    timeline,
  };
}

function timelineEvent(e: StoredEvent, deliveredAtMs: number | undefined): TimelineEvent {
  const at = isoOf(e.event_time);
  return {
    eventId: e.event_id,
    type: e.event_type,
    status: STATUS_OF_EVENT_TYPE[e.event_type] ?? null,
    at,
    diagnosticCode: e.diagnostic_code,
    dsnStatus: e.dsn_status,
    smtpResponse: e.smtp_response,
    processingTimeMs: e.event_type === 'Delivery' ? Number(e.processing_time_ms) : null,
    bounceType: e.bounce_type,
    bounceSubType: e.bounce_sub_type,
    complaintFeedbackType: e.complaint_feedback_type,
    complaintSubType: e.complaint_sub_type,
    delayType: e.delay_type,
    rejectReason: e.reject_reason,
    renderingError: e.rendering_error,
    link: e.link,
    userAgent: e.user_agent,
    ipAddress: e.ip_address,
    flags: engagementFlags(e.event_type, e.user_agent, Date.parse(at), deliveredAtMs),
    raw: parseRaw(e.raw),
  };
}

function parseRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `mail.headers` from the raw envelopes (the Send event's first; SES repeats `mail` on every event). */
function headersOf(events: StoredEvent[]): { name: string; value: string }[] {
  const ordered = [...events].sort(
    (a, b) => Number(b.event_type === 'Send') - Number(a.event_type === 'Send'),
  );
  for (const event of ordered) {
    const raw = parseRaw(event.raw) as { detail?: { mail?: { headers?: unknown } } } | string;
    const headers = typeof raw === 'object' && raw !== null ? raw.detail?.mail?.headers : undefined;
    if (Array.isArray(headers)) {
      return headers
        .filter((h): h is { name: string; value: string } => typeof h?.name === 'string')
        .map((h) => ({ name: h.name, value: String(h.value ?? '') }));
    }
  }
  return [];
}
