import type { EventBridgeEnvelope, SesMail } from './envelope-types.ts';

/**
 * `JSON.stringify(envelope)`, byte for byte, but the `mail` object (most of the bytes, shared by every
 * event of a message) is serialized once per message and reused. Bulk loads store this as `raw`.
 */
const mailJson = new WeakMap<SesMail, string>();
const compactMailJson = new WeakMap<SesMail, string>();

/** How much of the envelope a bulk load keeps in the `raw` column (`none` stores ''). */
export type RawMode = 'full' | 'compact' | 'none';

/**
 * `full` equals JSON.stringify(envelope). `compact` leaves out `mail.headers` and `mail.commonHeaders`
 * (as SES itself does on DeliveryDelay records; the subject has its own column): what a bulk load stores
 * when insert speed matters more than byte fidelity.
 */
export function envelopeJson(envelope: EventBridgeEnvelope, mode: RawMode = 'full'): string {
  if (mode === 'none') return '';
  const detail = envelope.detail as unknown as Record<string, unknown>;
  let body = '';
  for (const key of Object.keys(detail)) {
    const value = detail[key];
    if (value === undefined) continue;
    const json = key === 'mail' ? serializeMail(value as SesMail, mode) : JSON.stringify(value);
    body += `${body === '' ? '' : ','}${quote(key)}:${json}`;
  }
  let resources = '';
  for (const resource of envelope.resources) resources += `${resources === '' ? '' : ','}${quote(resource)}`;
  return (
    `{"version":${quote(envelope.version)},"id":${quote(envelope.id)},"detail-type":${quote(envelope['detail-type'])}` +
    `,"source":${quote(envelope.source)},"account":${quote(envelope.account)},"time":${quote(envelope.time)}` +
    `,"region":${quote(envelope.region)},"resources":[${resources}],"detail":{${body}}}`
  );
}

function serializeMail(mail: SesMail, mode: Exclude<RawMode, 'none'>): string {
  const cache = mode === 'full' ? mailJson : compactMailJson;
  let json = cache.get(mail);
  if (json === undefined) {
    json =
      mode === 'full'
        ? JSON.stringify(mail)
        : JSON.stringify({ ...mail, headers: undefined, commonHeaders: undefined });
    cache.set(mail, json);
  }
  return json;
}

// Printable ASCII without `"` and `\`: needs no escaping.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quote(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}
