import type { CompiledChannel, CompiledOrganization, Sender } from './compile-organization.ts';
import type { SesHeader, SesMail } from './envelope-types.ts';
import type { Random } from './random.ts';
import { isoMillis } from './time-format.ts';

/** Our template tag: the ingest reads the template name from it (SES templates carry no name in events). */
export const TEMPLATE_TAG = 'sendops-template';

export interface MailInput {
  organization: CompiledOrganization;
  channel: CompiledChannel;
  sender: Sender;
  template: string | undefined;
  operation: string;
  /** SES renders the body (templated send): the Send event has no subject yet. */
  sesRendered: boolean;
  messageId: string;
  sentAt: number;
  recipients: readonly string[];
  subject: string;
}

/**
 * The `mail` object as it appears on each kind of event of one message. Variants share their arrays, so
 * building all of them costs little more than one.
 */
export interface MailVariants {
  /** Send: for SES-rendered mail, before the subject exists. */
  send: SesMail;
  /** Reject and suppression-list bounces: before any connection. */
  accepted: SesMail;
  /** Events after SES handed the mail to a receiving server: carries `ses:outgoing-ip`. */
  delivered: SesMail;
  /** No headers or commonHeaders, as SES publishes Rendering Failure and DeliveryDelay records. */
  bare: SesMail;
}

export function buildMail(input: MailInput, random: Random): MailVariants {
  const { organization, channel, sender } = input;
  const profile = organization.profile;
  const tags: Record<string, string[]> = {
    'ses:operation': [input.operation],
    'ses:configuration-set': [channel.profile.configurationSet],
    'ses:source-ip': [random.pick(organization.sourceIps)],
    'ses:from-domain': [sender.domain],
    'ses:caller-identity': [channel.callerIdentity],
  };
  if (input.template) tags[TEMPLATE_TAG] = [input.template];
  const raw = input.operation === 'SendRawEmail' || input.operation === 'SendSmtpEmail';
  const headerMessageId = raw ? `<${random.uuid()}@${sender.domain}>` : input.messageId;
  const to = input.recipients.join(', ');
  const before: SesHeader[] = [];
  if (raw) before.push({ name: 'Date', value: new Date(input.sentAt).toUTCString().replace('GMT', '+0000') });
  before.push({ name: 'From', value: sender.source }, { name: 'To', value: to });
  if (raw) before.push({ name: 'Message-ID', value: headerMessageId });
  const after: SesHeader[] = [
    { name: 'MIME-Version', value: '1.0' },
    {
      name: 'Content-Type',
      value: `multipart/alternative; boundary="----=_Part_${random.between(100000, 9999999)}_${random.between(100000000, 1999999999)}.${input.sentAt}"`,
    },
  ];
  if (raw) after.push({ name: 'X-SES-CONFIGURATION-SET', value: channel.profile.configurationSet });
  if (channel.profile.purpose === 'marketing') {
    after.push(
      {
        name: 'List-Unsubscribe',
        value: `<https://${sender.domain}/unsubscribe/${random.hex(24)}>, <mailto:unsubscribe@${sender.domain}>`,
      },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    );
  }
  const subjectHeader = { name: 'Subject', value: encodeHeader(input.subject) };
  const base = {
    timestamp: isoMillis(input.sentAt),
    source: sender.source,
    sourceArn: sender.sourceArn,
    sendingAccountId: profile.awsAccountId,
    messageId: input.messageId,
    destination: [...input.recipients],
    headersTruncated: false,
  };
  const from = [sender.source];
  const toList = [...input.recipients];
  const accepted: SesMail = {
    ...base,
    headers: [...before, subjectHeader, ...after],
    commonHeaders: { from, to: toList, messageId: headerMessageId, subject: input.subject },
    tags,
  };
  const send: SesMail = input.sesRendered
    ? {
        ...base,
        headers: [...before, ...after],
        commonHeaders: { from, to: toList, messageId: headerMessageId },
        tags,
      }
    : accepted;
  const delivered: SesMail = {
    ...accepted,
    tags: { ...tags, 'ses:outgoing-ip': [random.pick(organization.outgoingIps)] },
  };
  const bare: SesMail = { ...base, tags };
  return { send, accepted, delivered, bare };
}

/** RFC 2047: non-ASCII header values travel as UTF-8 encoded-words; commonHeaders carry them decoded. */
function encodeHeader(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point.
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
