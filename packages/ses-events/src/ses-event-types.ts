/**
 * The SES event vocabulary: `detail.eventType` values and the EventBridge `detail-type`
 * strings SES uses for them. Source: the EventBridge event reference for `aws.ses`
 * (events-ref-ses) and the SES developer guide ("Monitoring SES events using Amazon EventBridge").
 */

/** Every `eventType` SES documents. Note the space in `Rendering Failure`. */
export const SES_EVENT_TYPES = [
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

export type SesEventType = (typeof SES_EVENT_TYPES)[number];

/** EventBridge `detail-type` for each SES email sending event type. */
export const SES_DETAIL_TYPES: Readonly<Record<SesEventType, string>> = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  Open: 'Email Opened',
  Click: 'Email Clicked',
  DeliveryDelay: 'Email Delivery Delayed',
  'Rendering Failure': 'Email Rendering Failed',
  Subscription: 'Email Subscribed',
};

/**
 * Account-level `aws.ses` detail-types (tenant sending status, Virtual Deliverability Manager advisor).
 * The EventBridge reference says `Advisor Recommendation Status Resolved`; the SES tenants guide
 * says `...Closed`. Both are listed so either spelling is recognised.
 */
export const SES_ACCOUNT_DETAIL_TYPES = [
  'Sending Status Enabled',
  'Sending Status Disabled',
  'Advisor Recommendation Status Open',
  'Advisor Recommendation Status Resolved',
  'Advisor Recommendation Status Closed',
] as const;

export type SesAccountDetailType = (typeof SES_ACCOUNT_DETAIL_TYPES)[number];

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(SES_EVENT_TYPES);
const EMAIL_DETAIL_TYPE_SET: ReadonlySet<string> = new Set(Object.values(SES_DETAIL_TYPES));
const ACCOUNT_DETAIL_TYPE_SET: ReadonlySet<string> = new Set(SES_ACCOUNT_DETAIL_TYPES);

export function isKnownSesEventType(value: string): value is SesEventType {
  return EVENT_TYPE_SET.has(value);
}

export function isEmailDetailType(detailType: string): boolean {
  return EMAIL_DETAIL_TYPE_SET.has(detailType);
}

export function isAccountDetailType(detailType: string): detailType is SesAccountDetailType {
  return ACCOUNT_DETAIL_TYPE_SET.has(detailType);
}
