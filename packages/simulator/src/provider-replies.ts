import type { MtaStyle } from './mailbox-providers.ts';
import type { Random } from './random.ts';

/**
 * What receiving MTAs answer, in the shapes SES copies into `delivery.smtpResponse` and
 * `bouncedRecipients[].diagnosticCode` (the latter prefixed with `smtp; `, as SES does).
 */

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function token(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alnum[random.int(alnum.length)];
  return out;
}

/** `delivery.smtpResponse` for a message accepted at `at` (ms). */
export function smtpAccepted(style: MtaStyle, random: Random, messageId: string, at: number): string {
  switch (style) {
    case 'gmail':
      return `250 2.0.0 OK  ${Math.floor(at / 1000)} ${token(random, 6)}-${token(random, 14)}si${random.digits(7)}.${random.digits(3)} - gsmtp`;
    case 'outlook':
      return `250 2.6.0 <${messageId}@email.amazonses.com> [InternalId=${random.digits(13)}, Hostname=${token(random, 4).toUpperCase()}PR${random.digits(2)}MB${random.digits(4)}.namprd${random.digits(2)}.prod.outlook.com] ${random.between(9000, 90000)} bytes in ${(random.next() * 0.3).toFixed(3)}, ${(50 + random.next() * 400).toFixed(3)} KB/sec Queued mail for delivery`;
    case 'yahoo':
      return '250 ok dirdel';
    case 'apple':
      return `250 2.0.0 Ok: queued as ${token(random, 14)}`;
    case 'exim':
      return `250 OK id=1r${token(random, 4)}-${random.digits(4)}${token(random, 2)}-${token(random, 2)}`;
    case 'mailru':
      return `250 OK id=1r${token(random, 5)}-000${random.digits(3)}-${token(random, 2)}`;
    case 'yandex':
      return `250 2.0.0 Ok: queued on mail-nwsmtp-mxfront-production-main-${random.between(10, 99)}.vla.yp-c.yandex.net ${Math.floor(at / 1000)}-${token(random, 10)}-${token(random, 8)}`;
    case 'qq':
      return '250 OK: queued as.';
    case 'postfix':
      return `250 2.0.0 Ok: queued as ${token(random, 12).toUpperCase()}`;
  }
}

export interface BounceReply {
  status: string;
  diagnosticCode: string;
}

/** A hard bounce for a mailbox that does not exist (DSN 5.1.1). */
export function userUnknown(style: MtaStyle, random: Random, address: string): BounceReply {
  const domain = address.slice(address.indexOf('@') + 1);
  const texts: Record<MtaStyle, string> = {
    gmail: `550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser ${token(random, 20)} - gsmtp`,
    outlook: `550 5.1.1 RESOLVER.ADR.RecipNotFound; not found [${token(random, 4).toUpperCase()}EUR0${random.digits(1)}FT0${random.digits(2)}.eop-eur0${random.digits(1)}.prod.protection.outlook.com]`,
    yahoo: `554 5.1.1 delivery error: dd This user doesn't have a ${domain} account (${address}) [0] - mta${random.digits(4)}.mail.gq1.yahoo.com`,
    apple: `550 5.1.1 <${address}>: user does not exist`,
    postfix: `550 5.1.1 <${address}>: Recipient address rejected: User unknown in virtual mailbox table`,
    exim: `550 5.1.1 Requested action not taken: mailbox unavailable (${address})`,
    mailru: `550 5.1.1 Message was not accepted -- invalid mailbox.  Local mailbox ${address} is unavailable: user not found`,
    yandex: '550 5.1.1 No such user!',
    qq: '550 5.1.1 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728',
  };
  return { status: '5.1.1', diagnosticCode: `smtp; ${texts[style]}` };
}

/** Transient/MailboxFull (DSN 5.2.2, which SES still reports as a soft bounce). */
export function mailboxFull(style: MtaStyle): BounceReply {
  const text =
    style === 'gmail'
      ? "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm - gsmtp"
      : style === 'outlook'
        ? '552 5.2.2 STOREDRV.Deliver; mailbox full'
        : style === 'yahoo'
          ? '552 1 Requested mail action aborted, mailbox not found or full'
          : '552 5.2.2 Mailbox full: quota exceeded';
  return { status: '5.2.2', diagnosticCode: `smtp; ${text}` };
}

/** Transient/General: a temporary 4.x.x failure SES gave up retrying. */
export function transientFailure(
  style: MtaStyle,
  random: Random,
  remoteIp: string,
  minutes: number,
): BounceReply {
  switch (style) {
    case 'yahoo':
      return {
        status: '4.7.0',
        diagnosticCode: `smtp; 421 4.7.0 [TSS04] Messages from ${remoteIp} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes`,
      };
    case 'gmail':
      if (random.chance(0.5)) break;
      return {
        status: '4.2.1',
        diagnosticCode:
          'smtp; 450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time. - gsmtp',
      };
  }
  return {
    status: '4.4.7',
    diagnosticCode: `smtp; 554 4.4.7 Message expired: unable to deliver in ${minutes} minutes.<421 4.4.0 Unable to connect to remote host>`,
  };
}

/** Global SES suppression list (bounceSubType `Suppressed`). */
export const GLOBAL_SUPPRESSION: BounceReply = {
  status: '5.1.1',
  diagnosticCode:
    'Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address. For more information about how to remove an address from the suppression list, see the Amazon SES Developer Guide: http://docs.aws.amazon.com/ses/latest/DeveloperGuide/remove-from-suppressionlist.html ',
};

/** Account-level suppression list (bounceSubType `OnAccountSuppressionList`). */
export const ACCOUNT_SUPPRESSION: BounceReply = {
  status: '5.1.1',
  diagnosticCode:
    'Amazon SES did not send the message to this address because it is on the suppression list for your account. For more information about removing addresses from the suppression list, see the Amazon SES Developer Guide at https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html',
};

/** DeliveryDelay reasons: `delayType` with the DSN status and reply SES attaches. */
export const DELAY_REASONS = [
  ['TransientCommunicationFailure', '4.4.1', 'smtp; 421 4.4.1 Unable to connect to remote host', 55],
  ['RecipientServerError', '4.3.0', 'smtp; 451 4.3.0 Temporary server error. Please try again later', 15],
  ['MailboxFull', '4.2.2', 'smtp; 452 4.2.2 Mailbox full', 8],
  ['SpamDetected', '4.7.1', 'smtp; 451 4.7.1 Temporarily rejected: suspected spam, try again later', 7],
  ['IPFailure', '4.7.0', 'smtp; 421 4.7.0 IP not in whitelist for RCPT domain, closing connection', 5],
  ['General', '4.0.0', 'smtp; 450 4.0.0 Requested mail action not taken: try again later', 6],
  ['Undetermined', '4.0.0', 'smtp; 451 4.0.0 Local error in processing', 4],
] as const satisfies readonly (readonly [string, string, string, number])[];
