import type { RecipientDomain } from './mailbox-providers.ts';
import type { Random } from './random.ts';
import type { ChannelPurpose } from './templates.ts';

/** What happens to one recipient of a message. */
export type Outcome =
  | 'delivered'
  | 'hard-bounce'
  | 'suppressed'
  | 'account-suppressed'
  | 'soft-bounce'
  | 'mailbox-full'
  | 'complaint'
  | 'delayed'
  | 'reject'
  | 'rendering-failure'
  | 'unsubscribe'
  | 'opened'
  | 'clicked';

/**
 * Recipient local parts that force an outcome, extending the sandbox convention
 * (spec/related/sendara-testing-and-sandbox: delivered@, bounced@/bounce@, complained@/complaint@;
 * the rest are ours). The domain is free and a `+label` suffix is ignored, so `bounced+42@gmail.com`
 * still bounces while keeping its provider. Steered recipients get no random opens or clicks.
 */
export const LOCAL_PART_OUTCOMES: Readonly<Record<string, Outcome>> = {
  delivered: 'delivered', // Send, Delivery
  bounced: 'hard-bounce', // Send, Bounce Permanent/General 5.1.1
  bounce: 'hard-bounce',
  complained: 'complaint', // Send, Delivery, Complaint (abuse)
  complaint: 'complaint',
  transient: 'soft-bounce', // Send, Bounce Transient/General 4.x.x
  softbounce: 'soft-bounce',
  mailboxfull: 'mailbox-full', // Send, Bounce Transient/MailboxFull 5.2.2
  suppressed: 'suppressed', // Send, Bounce Permanent/Suppressed (SES global suppression list)
  suppressionlist: 'account-suppressed', // Send, Bounce Permanent/OnAccountSuppressionList
  delayed: 'delayed', // Send, DeliveryDelay, Delivery
  rejected: 'reject', // Reject only (SES refused the message: no Send, per the deliverability spec)
  renderfail: 'rendering-failure', // Send, Rendering Failure (failure.templateName / errorMessage)
  unsubscribe: 'unsubscribe', // Send, Delivery, Subscription (unsubscribeAll via List-Unsubscribe)
  opened: 'opened', // Send, Delivery, Open
  clicked: 'clicked', // Send, Delivery, Open, Click
};

/** The steered outcome for an address, if its local part (before any `+label`) is a known one. */
export function outcomeForAddress(address: string): Outcome | undefined {
  const at = address.indexOf('@');
  const local = (at < 0 ? address : address.slice(0, at)).toLowerCase();
  const plus = local.indexOf('+');
  return LOCAL_PART_OUTCOMES[plus < 0 ? local : local.slice(0, plus)];
}

/** Outcomes that stop the whole message rather than one recipient. */
export const MESSAGE_LEVEL: ReadonlySet<Outcome> = new Set(['reject', 'rendering-failure']);

/** List quality differs by stream: marketing lists are older and bounce and complain more. */
const PURPOSE_RISK: Record<ChannelPurpose, number> = {
  marketing: 1.6,
  transactional: 0.6,
  onboarding: 0.9,
  default: 1,
  custom: 1,
};

/**
 * A random recipient's outcome: ~95% delivered, ~1.5% hard bounce (including suppression-list hits),
 * ~1.5% soft bounce, ~0.05% complaint (feedback loops: Yahoo/Microsoft report, Gmail barely does),
 * ~1% delivered after a DeliveryDelay; marketing mail sometimes unsubscribes.
 */
export function randomOutcome(random: Random, domain: RecipientDomain, purpose: ChannelPurpose): Outcome {
  const risk = PURPOSE_RISK[purpose];
  let u = random.next();
  const take = (p: number) => {
    u -= p;
    return u < 0;
  };
  if (take(0.002 * risk)) return 'suppressed';
  if (take(0.0025 * risk)) return 'account-suppressed';
  if (take(0.0105 * risk)) return 'hard-bounce';
  if (take(0.009 * risk)) return 'soft-bounce';
  if (take(0.006 * risk)) return 'mailbox-full';
  const complaintFactor =
    domain.client === 'gmail' ? 0.3 : domain.client === 'yahoo' || domain.client === 'outlook' ? 2 : 1;
  if (take(0.0005 * risk * complaintFactor)) return 'complaint';
  if (take(0.01)) return 'delayed';
  if (purpose === 'marketing' && take(0.003)) return 'unsubscribe';
  return 'delivered';
}

/** Message-level failures of a random message: SES rejecting content, or a template failing to render. */
export function randomMessageFailure(random: Random, templated: boolean): Outcome | undefined {
  const u = random.next();
  if (u < 0.0002) return 'reject';
  if (templated && u < 0.0007) return 'rendering-failure';
  return undefined;
}
