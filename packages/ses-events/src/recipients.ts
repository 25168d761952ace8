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
  const outcomes: RecipientOutcome[] = [];
  const { bounce, complaint, delivery, deliveryDelay } = detail;
  if (detail.eventType === 'Bounce' && bounce !== undefined) {
    for (const r of bounce.bouncedRecipients)
      addOutcome(outcomes, r.emailAddress, r.status, r.action, r.diagnosticCode);
  } else if (detail.eventType === 'Complaint' && complaint !== undefined) {
    for (const r of complaint.complainedRecipients) addOutcome(outcomes, r.emailAddress);
  } else if (detail.eventType === 'Delivery' && delivery !== undefined) {
    for (const address of delivery.recipients) addOutcome(outcomes, address);
  } else if (detail.eventType === 'DeliveryDelay' && deliveryDelay !== undefined) {
    for (const r of deliveryDelay.delayedRecipients)
      addOutcome(outcomes, r.emailAddress, r.status, undefined, r.diagnosticCode);
  } else {
    for (const address of detail.mail.destination) addOutcome(outcomes, address);
  }

  if (outcomes.length === 0) outcomes.push({ recipient: '', status: '', action: '', diagnosticCode: '' });
  return outcomes;
}

/**
 * Module-level rather than a closure: the ingest calls this for every event, and under tsx (esbuild
 * `keepNames`) each closure created per call would also cost an `Object.defineProperty`. A linear
 * duplicate check: SES lists at most 50 recipients per message, usually one.
 */
function addOutcome(
  outcomes: RecipientOutcome[],
  address: string,
  status?: string,
  action?: string,
  diagnosticCode?: string,
): void {
  const recipient = bareAddress(address);
  if (recipient === '') return;
  for (let i = 0; i < outcomes.length; i++) if (outcomes[i]!.recipient === recipient) return;
  outcomes.push({
    recipient,
    status: status ?? '',
    action: action ?? '',
    diagnosticCode: diagnosticCode ?? '',
  });
}
