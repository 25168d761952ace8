import type { CompiledChannel, CompiledOrganization, CompiledTemplate } from './compile-organization.ts';
import {
  DETAIL_KEYS,
  DETAIL_TYPES,
  type EventBridgeEnvelope,
  type SesEventDetail,
  type SesEventType,
  type SesMail,
} from './envelope-types.ts';
import type { MailVariants } from './mail-object.ts';
import type { Random } from './random.ts';
import { isoSeconds } from './time-format.ts';

/** One SES event of a simulated message, with its exact time (the envelope's `time` is whole seconds). */
export interface SimulatedEvent {
  time: number;
  envelope: EventBridgeEnvelope;
}

/** What is known about a message while its events are being produced. */
export interface MessageContext {
  random: Random;
  organization: CompiledOrganization;
  channel: CompiledChannel;
  template: CompiledTemplate | undefined;
  messageId: string;
  sentAt: number;
  mail: MailVariants;
  /** SES IP the message left from (`ses:outgoing-ip`). */
  outgoingIp: string;
  /** Its `a8-30.smtp-out.amazonses.com` style host name (delivery.reportingMTA, DSNs). */
  reportingMta: string;
  events: SimulatedEvent[];
}

/** Appends one event; the detail keeps SES's key order (eventType, mail, then the type's object). */
export function emit(
  context: MessageContext,
  type: SesEventType,
  at: number,
  mail: SesMail,
  object: object,
): void {
  const time = Math.floor(at);
  const detail: SesEventDetail = { eventType: type, mail };
  (detail as unknown as Record<string, unknown>)[DETAIL_KEYS[type]] = object;
  const profile = context.organization.profile;
  context.events.push({
    time,
    envelope: {
      version: '0',
      id: context.random.uuid(),
      'detail-type': DETAIL_TYPES[type],
      source: 'aws.ses',
      account: profile.awsAccountId,
      time: isoSeconds(time),
      region: profile.region,
      resources: [context.channel.arn],
      detail,
    },
  });
}

/** `a8-30.smtp-out.amazonses.com` style host for an SES sending IP, as SES names them. */
export function reportingMtaFor(outgoingIp: string, mtaSuffix: string): string {
  const octets = outgoingIp.split('.');
  return `a${octets[2]}-${octets[3]}.${mtaSuffix}`;
}

/** SES-style ids: region prefix, 12 hex digits of the epoch millis, a uuid, `-000000`. */
export function sesId(prefix: string, at: number, random: Random): string {
  return `${prefix}${Math.floor(at).toString(16).padStart(12, '0')}-${random.uuid()}-000000`;
}
