import { bareAddress } from './address.ts';
import type { SesEventDetail } from './ses-detail-schema.ts';

/** One recipient of an event with its own DSN outcome ('' where SES gave none). */
export interface RecipientOutcome {
  recipient: string;
  status: string;
  action: string;
  diagnosticCode: string;
}

/**
 * The recipients an event is about, one entry each: the type's own recipient list (bounced,
 * complained, delivered, delayed: each with its own status/diagnostic) or `mail.destination` for
 * every other type, including unknown ones. Addresses are bare and lower-cased; a repeated address
 * keeps its first entry (the row dedupe key is event id + recipient). Never empty: an event without
 * recipients yields one entry with recipient ''.
 */
export function recipientsOf(detail: SesEventDetail): RecipientOutcome[] {
  const outcomes = new Map<string, RecipientOutcome>();
  const add = (address: string, status?: string, action?: string, diagnosticCode?: string): void => {
    const recipient = bareAddress(address);
    if (recipient === '' || outcomes.has(recipient)) return;
    outcomes.set(recipient, {
      recipient,
      status: status ?? '',
      action: action ?? '',
      diagnosticCode: diagnosticCode ?? '',
    });
  };

  const { bounce, complaint, delivery, deliveryDelay } = detail;
  if (detail.eventType === 'Bounce' && bounce !== undefined) {
    for (const r of bounce.bouncedRecipients) add(r.emailAddress, r.status, r.action, r.diagnosticCode);
  } else if (detail.eventType === 'Complaint' && complaint !== undefined) {
    for (const r of complaint.complainedRecipients) add(r.emailAddress);
  } else if (detail.eventType === 'Delivery' && delivery !== undefined) {
    for (const address of delivery.recipients) add(address);
  } else if (detail.eventType === 'DeliveryDelay' && deliveryDelay !== undefined) {
    for (const r of deliveryDelay.delayedRecipients)
      add(r.emailAddress, r.status, undefined, r.diagnosticCode);
  } else {
    for (const address of detail.mail.destination) add(address);
  }

  if (outcomes.size === 0) return [{ recipient: '', status: '', action: '', diagnosticCode: '' }];
  return [...outcomes.values()];
}
