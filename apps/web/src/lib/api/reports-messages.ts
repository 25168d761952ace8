// The Messages tab and Suppression list (GET /api/orgs/:slug/reports/{messages,events,suppressions});
// shapes as in docs/dashboard-api.md.
import { api } from './client.ts';

export const MESSAGE_STATUSES = [
  'complained',
  'bounced',
  'rejected',
  'failed',
  'clicked',
  'opened',
  'delivered',
  'delayed',
  'sent',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const EVENT_TYPES = [
  'Send',
  'Delivery',
  'Bounce',
  'Complaint',
  'Reject',
  'Open',
  'Click',
  'DeliveryDelay',
  'Rendering Failure',
  'Subscription',
] as const;

export interface MessageRow {
  messageId: string;
  recipient: string;
  status: MessageStatus;
  subject: string;
  from: string;
  sendingIdentity: string;
  template: string;
  channelId: string;
  sentAt: string;
  latestEventAt: string;
  events: number;
}

export type EngagementFlag = 'privacy_proxy' | 'image_proxy' | 'bot';

export interface TimelineEvent {
  eventId: string;
  type: string;
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
  raw: unknown;
}

export interface MessageDetail {
  messageId: string;
  recipient: string;
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

export interface EventLogRow {
  eventId: string;
  type: string;
  at: string;
  messageId: string;
  recipient: string;
  subject: string;
  channelId: string;
  detail: string;
}

export interface SuppressionRow {
  address: string;
  reason: 'complaint' | 'account_suppression_list' | 'global_suppression_list' | 'hard_bounce';
  detail: string;
  diagnosticCode: string;
  suppressedAt: string;
  messageId: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/reports`;

export const reportsMessagesApi = {
  messages: (slug: string, query: string) => api.get<Page<MessageRow>>(`${base(slug)}/messages?${query}`),
  message: (slug: string, messageId: string, recipient: string) =>
    api.get<MessageDetail>(
      `${base(slug)}/messages/${encodeURIComponent(messageId)}?recipient=${encodeURIComponent(recipient)}`,
    ),
  events: (slug: string, query: string) =>
    api.get<Page<EventLogRow> & { watermark: string | null; changed: boolean }>(
      `${base(slug)}/events?${query}`,
    ),
  suppressions: (slug: string, query: string) =>
    api.get<Page<SuppressionRow>>(`${base(slug)}/suppressions?${query}`),
};
