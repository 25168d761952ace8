import { PERMANENT_DSN_PATTERN, type Reason, SOFT_BOUNCE_SUB_TYPES } from '../rules/rule-set.ts';

/**
 * Which `ses_events` rows qualify for each rule, as ClickHouse predicates over one row. Send, Delivery,
 * Open, Click and DeliveryDelay never qualify (reports/undeliverable-list): every predicate names its
 * event type.
 */
export const QUALIFIES: Record<Reason, string> = {
  permanent_bounce: `event_type = 'Bounce' AND bounce_type = 'Permanent'`,
  complaint: `event_type = 'Complaint'`,
  rejected: `event_type = 'Reject'`,
  repeated_transient: `event_type = 'Bounce' AND bounce_type = 'Transient' AND bounce_sub_type = 'General'`,
  undetermined: `event_type = 'Bounce' AND bounce_type = 'Undetermined'`,
  soft_bounce_accumulation: `event_type = 'Bounce' AND bounce_type = 'Transient' AND bounce_sub_type IN (${SOFT_BOUNCE_SUB_TYPES.map((s) => `'${s}'`).join(', ')})`,
  permanent_dsn: `event_type = 'Bounce' AND bounce_type = 'Transient' AND bounce_sub_type != 'ChannelLimitExceeded' AND match(dsn_status, '${PERMANENT_DSN_PATTERN.replace(/\\/g, '\\\\')}')`,
};

/** The only event types any rule looks at: lets the primary key skip Send/Delivery/Open/Click granules. */
export const CANDIDATE_EVENT_TYPES = `('Bounce', 'Complaint', 'Reject')`;

/** The text shown as Last diagnostic: the bounce's diagnostic code, else the SMTP response, else the reject reason. */
export const DIAGNOSTIC = `multiIf(diagnostic_code != '', diagnostic_code, smtp_response != '', smtp_response, reject_reason)`;

/** A complaint's sub-type for the label: the feedback type (`abuse`), else SES's complaintSubType. */
export const COMPLAINT_SUB_TYPE = `if(complaint_feedback_type != '', complaint_feedback_type, complaint_sub_type)`;
