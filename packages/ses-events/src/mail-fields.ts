import type { SesMail } from './mail-schema.ts';
import { decodeMimeWords } from './mime-words.ts';

/** SES's own tag naming the configuration set the message was sent with. */
const CONFIGURATION_SET_TAG = 'ses:configuration-set';
const CONFIGURATION_SET_HEADER = 'x-ses-configuration-set';

/**
 * `mail.tags["ses:configuration-set"][0]`; falls back to the `X-SES-CONFIGURATION-SET` header
 * (present in the documented Open/Click records) when tags are missing, else ''.
 */
export function configurationSetOf(mail: SesMail): string {
  const tagged = mail.tags?.[CONFIGURATION_SET_TAG]?.[0];
  if (tagged !== undefined && tagged !== '') return tagged;
  return headerValue(mail, CONFIGURATION_SET_HEADER) ?? '';
}

/**
 * `mail.commonHeaders.subject` (decoded by SES, so non-ASCII arrives as-is); falls back to the raw
 * `Subject` header, RFC 2047-decoded. '' when neither exists (templated Send events have no subject).
 */
export function subjectOf(mail: SesMail): string {
  const common = mail.commonHeaders?.subject;
  if (common !== undefined) return common;
  const raw = headerValue(mail, 'subject');
  return raw === undefined ? '' : decodeMimeWords(raw);
}

/** First `mail.headers` value whose name matches case-insensitively (`lowerName` must be lower-case). */
export function headerValue(mail: SesMail, lowerName: string): string | undefined {
  if (mail.headers === undefined) return undefined;
  for (const header of mail.headers) {
    if (header.name.toLowerCase() === lowerName) return header.value;
  }
  return undefined;
}
