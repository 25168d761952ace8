// The Messages tab and Suppression list (GET /api/orgs/:slug/reports/{messages,events,suppressions});
// shapes as in docs/dashboard-api.md. The types come from @sendops/reports (`import type` is erased, so
// no backend code reaches the browser).
import type {
  SES_EVENT_TYPE_NAMES as BACKEND_EVENT_TYPES,
  MESSAGE_STATUSES as BACKEND_MESSAGE_STATUSES,
  EventLogPage,
  MessageDetail,
  MessageRow,
  MessageStatus,
  Page,
  SuppressionRow,
} from '@sendops/reports';
import { api } from './client.ts';
import type { Assert, Equals } from './type-equality.ts';

export type {
  EngagementFlag,
  EventLogRow,
  MessageDetail,
  MessageRow,
  MessageStatus,
  Page,
  SuppressionRow,
  TimelineEvent,
} from '@sendops/reports';

// The filters' options are needed at run time, so they are copied here; the checks below fail tsc when
// they drift from the backend's lists (members or order).
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
] as const satisfies readonly MessageStatus[];
type _MessageStatusesMatch = Assert<Equals<typeof MESSAGE_STATUSES, typeof BACKEND_MESSAGE_STATUSES>>;

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
type _EventTypesMatch = Assert<Equals<typeof EVENT_TYPES, typeof BACKEND_EVENT_TYPES>>;

const base = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}/reports`;

export const reportsMessagesApi = {
  messages: (slug: string, query: string) => api.get<Page<MessageRow>>(`${base(slug)}/messages?${query}`),
  message: (slug: string, messageId: string, recipient: string) =>
    api.get<MessageDetail>(
      `${base(slug)}/messages/${encodeURIComponent(messageId)}?recipient=${encodeURIComponent(recipient)}`,
    ),
  // `changed: false` (nothing new since `since`) comes with an empty page.
  events: (slug: string, query: string) =>
    api.get<EventLogPage & { changed: boolean }>(`${base(slug)}/events?${query}`),
  suppressions: (slug: string, query: string) =>
    api.get<Page<SuppressionRow>>(`${base(slug)}/suppressions?${query}`),
};
