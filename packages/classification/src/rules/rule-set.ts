/**
 * The classification rules as data (spec: reports/classification-rules.md, reports/undeliverable-list.md).
 * Three locked rules are always on; the windowed rules carry `events` (N) and `window_days` (M) knobs and
 * fire when at least N qualifying events for an address fall in the rolling M-day window ending now.
 */

/** Wire `reason` values in priority order: when several rules match, the first one wins. */
export const REASONS = [
  'permanent_bounce',
  'complaint',
  'rejected',
  'repeated_transient',
  'undetermined',
  'soft_bounce_accumulation',
  // Beyond the spec (issue 5): last, so turning it on never relabels an address a documented rule
  // already catches — API consumers keyed on the six documented reasons see no shift.
  'permanent_dsn',
] as const;
export type Reason = (typeof REASONS)[number];

export const LOCKED_RULES = ['permanent_bounce', 'complaint', 'rejected'] as const;
export type LockedRule = (typeof LOCKED_RULES)[number];

export const WINDOWED_RULES = [
  'repeated_transient',
  'undetermined',
  'soft_bounce_accumulation',
  'permanent_dsn',
] as const;
export type WindowedRule = (typeof WINDOWED_RULES)[number];

/** The knobs of one windowed rule. */
export interface WindowedRuleSettings {
  enabled: boolean;
  /** Qualifying events needed, integer 1–100. */
  events: number;
  /** Length of the rolling window ending now, integer 1–365 days. */
  window_days: number;
}

/** What an organization configures: the windowed rules only (locked rules have no settings). */
export type RuleSettings = Record<WindowedRule, WindowedRuleSettings>;

export const EVENTS_MIN = 1;
export const EVENTS_MAX = 100;
export const WINDOW_DAYS_MIN = 1;
export const WINDOW_DAYS_MAX = 365;

/** Transient sub-types that count toward soft-bounce accumulation. ChannelLimitExceeded is a sender-side capacity issue, never a recipient signal. */
export const SOFT_BOUNCE_SUB_TYPES = [
  'MailboxFull',
  'MessageTooLarge',
  'ContentRejected',
  'AttachmentRejected',
] as const;

/**
 * DSN statuses that mean "this recipient cannot receive" even when SES labels the bounce Transient:
 * 5.1.x (bad mailbox / bad destination system / moved), 5.2.1 (mailbox disabled), 5.4.4 (unable to
 * route, e.g. invalid domain). 5.2.2 mailbox full and 5.3.4 too large stay with soft-bounce
 * accumulation; 5.7.x are policy refusals about the sender, not the recipient.
 */
export const PERMANENT_DSN_PATTERN = '^5\\.(1\\.[0-9]{1,3}|2\\.1|4\\.4)$';

export interface RuleDescription {
  name: Reason;
  locked: boolean;
  /** What counts as a qualifying event, for the Advanced section and the API. */
  counts: string;
}

export const RULE_DESCRIPTIONS: readonly RuleDescription[] = [
  { name: 'permanent_bounce', locked: true, counts: 'Bounces with bounceType Permanent (any sub-type)' },
  { name: 'complaint', locked: true, counts: 'Any complaint' },
  { name: 'rejected', locked: true, counts: 'Any reject (SES refused the send)' },
  { name: 'repeated_transient', locked: false, counts: 'Transient bounces with sub-type General only' },
  { name: 'undetermined', locked: false, counts: 'Bounces with bounceType Undetermined' },
  {
    name: 'soft_bounce_accumulation',
    locked: false,
    counts: `Transient bounces with sub-type ${SOFT_BOUNCE_SUB_TYPES.join(', ')} (never ChannelLimitExceeded)`,
  },
  {
    name: 'permanent_dsn',
    locked: false,
    counts:
      'Transient bounces (not ChannelLimitExceeded) whose DSN status is permanent: 5.1.x, 5.2.1 or 5.4.4',
  },
];

export function isReason(value: string): value is Reason {
  return (REASONS as readonly string[]).includes(value);
}
