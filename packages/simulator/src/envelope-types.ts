/**
 * The EventBridge envelope of an SES event as the ingest receives it (AWS SES developer guide,
 * "Examples of event data that Amazon SES publishes"; EventBridge `aws.ses` detail types).
 */

export interface SesHeader {
  name: string;
  value: string;
}

export interface SesCommonHeaders {
  from: string[];
  to: string[];
  messageId: string;
  /** Absent on the Send event of templated mail: SES renders the subject later. */
  subject?: string;
}

export interface SesMail {
  timestamp: string;
  source: string;
  sourceArn: string;
  sendingAccountId: string;
  messageId: string;
  destination: string[];
  headersTruncated: boolean;
  /** Absent on Rendering Failure: there was nothing rendered to take headers from. */
  headers?: SesHeader[];
  commonHeaders?: SesCommonHeaders;
  tags: Record<string, string[]>;
}

export type SesEventType =
  | 'Send'
  | 'Delivery'
  | 'Bounce'
  | 'Complaint'
  | 'Reject'
  | 'Open'
  | 'Click'
  | 'Rendering Failure'
  | 'DeliveryDelay'
  | 'Subscription';

export interface SesEventDetail {
  eventType: SesEventType;
  mail: SesMail;
  send?: Record<string, never>;
  delivery?: object;
  bounce?: object;
  complaint?: object;
  reject?: object;
  open?: object;
  click?: object;
  failure?: object;
  deliveryDelay?: object;
  subscription?: object;
}

export interface EventBridgeEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: 'aws.ses';
  account: string;
  /** Second precision, as EventBridge writes it. */
  time: string;
  region: string;
  /** The configuration set ARN SES published through. */
  resources: string[];
  detail: SesEventDetail;
}

/** EventBridge `detail-type` for each SES event type. */
export const DETAIL_TYPES: Readonly<Record<SesEventType, string>> = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  Open: 'Email Opened',
  Click: 'Email Clicked',
  'Rendering Failure': 'Email Rendering Failed',
  DeliveryDelay: 'Email Delivery Delayed',
  Subscription: 'Email Subscribed',
};

/** The detail key holding each event type's own object. */
export const DETAIL_KEYS = {
  Send: 'send',
  Delivery: 'delivery',
  Bounce: 'bounce',
  Complaint: 'complaint',
  Reject: 'reject',
  Open: 'open',
  Click: 'click',
  'Rendering Failure': 'failure',
  DeliveryDelay: 'deliveryDelay',
  Subscription: 'subscription',
} as const satisfies Record<SesEventType, keyof SesEventDetail>;
