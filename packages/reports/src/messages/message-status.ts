/**
 * The current status of one message for one recipient, derived from all of its events. The spec asks
 * for a precedence without fixing one; ours (highest wins, documented in docs/dashboard-api.md and on
 * the page):
 *
 *   complained > bounced > rejected > failed > clicked > opened > delivered > delayed > sent
 *
 * - a complaint is the strongest signal about a recipient, even after a delivery (it always follows one);
 * - a bounce beats a delivery (SES reports asynchronous bounces after a Delivery) and a delay;
 * - a reject or rendering failure (`failed`) means the message never left SES;
 * - engagement beats delivery, and a click beats an open (clicks with images blocked have no open);
 * - `delayed` only while neither a delivery nor a bounce has arrived.
 * Subscription events (unsubscribes) do not change the status.
 */
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

/** SES event type → the status it stands for; types absent here do not set a status. */
export const STATUS_OF_EVENT_TYPE: Readonly<Record<string, MessageStatus>> = {
  Complaint: 'complained',
  Bounce: 'bounced',
  Reject: 'rejected',
  'Rendering Failure': 'failed',
  Click: 'clicked',
  Open: 'opened',
  Delivery: 'delivered',
  DeliveryDelay: 'delayed',
  Send: 'sent',
};

/** Rank of a status: higher wins. */
export function statusRank(status: MessageStatus): number {
  return MESSAGE_STATUSES.length - MESSAGE_STATUSES.indexOf(status);
}

export function isMessageStatus(value: string): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(value);
}

/** The status of a set of event types (undefined when none sets one, e.g. only a Subscription). */
export function statusOfEventTypes(types: Iterable<string>): MessageStatus | undefined {
  let best: MessageStatus | undefined;
  for (const type of types) {
    const status = STATUS_OF_EVENT_TYPE[type];
    if (status !== undefined && (best === undefined || statusRank(status) > statusRank(best))) best = status;
  }
  return best;
}

/** The same precedence in SQL: the rank of one row's event_type (0 = sets no status). */
export const STATUS_RANK_SQL = `multiIf(${Object.entries(STATUS_OF_EVENT_TYPE)
  .map(([type, status]) => `event_type = '${type}', ${statusRank(status)}`)
  .join(', ')}, 0)`;

/** SQL turning a rank back into the status name ('' for 0). */
export const STATUS_NAME_SQL = (rank: string) =>
  `[${MESSAGE_STATUSES.map((s) => `'${s}'`)
    .reverse()
    .join(', ')}][${rank}]`;

/** Every SES `eventType` (the Event Log's type filter); note the space in `Rendering Failure`. */
export const SES_EVENT_TYPE_NAMES = [
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
