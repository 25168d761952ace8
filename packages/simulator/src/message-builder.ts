import {
  type CompiledOrganization,
  type CompiledTemplate,
  compileOrganization,
} from './compile-organization.ts';
import { failureObject, REJECT_OBJECT } from './event-details.ts';
import * as latency from './latency.ts';
import { buildMail } from './mail-object.ts';
import { recipientDomain } from './mailbox-providers.ts';
import { emit, type MessageContext, reportingMtaFor, type SimulatedEvent, sesId } from './message-context.ts';
import type { OrganizationProfile } from './organizations.ts';
import {
  MESSAGE_LEVEL,
  type Outcome,
  outcomeForAddress,
  randomMessageFailure,
  randomOutcome,
} from './outcomes.ts';
import { type Random, WeightedPicker } from './random.ts';
import { recipientEvents } from './recipient-events.ts';
import type { Recipient } from './recipients.ts';

export interface SimulatedRecipient {
  address: string;
  outcome: Outcome;
  /** The outcome came from the local part (delivered@, bounced@, ...) rather than the random mix. */
  steered: boolean;
}

/** One message SES accepted (or refused), with all the events it produced, sorted by time. */
export interface SimulatedMessage {
  organization: OrganizationProfile;
  messageId: string;
  sentAt: number;
  configurationSet: string;
  template: string | undefined;
  /** The managed identity the message was sent under (domain, or address identity). */
  sendingIdentity: string;
  subject: string;
  recipients: SimulatedRecipient[];
  /** Set when SES stopped the whole message. */
  messageOutcome: 'reject' | 'rendering-failure' | undefined;
  events: SimulatedEvent[];
}

export interface MessageBuilderOptions {
  /** Share of non-bulk messages addressed to 2–3 recipients. Default 0.07. */
  multiRecipientShare?: number;
}

const UNTEMPLATED_SUBJECTS = [
  'Your {brand} account',
  'Re: your support request #{n}',
  'Action required: verify your email',
];
const MISSING_ATTRIBUTES = ['firstName', 'resetUrl', 'order.total', 'invoice.number', 'account.plan'];

export class MessageBuilder {
  readonly organizations: readonly CompiledOrganization[];
  readonly #pickOrganization: WeightedPicker<CompiledOrganization>;
  readonly #random: Random;
  readonly #multiShare: number;

  constructor(
    organizations: readonly OrganizationProfile[],
    random: Random,
    options: MessageBuilderOptions = {},
  ) {
    if (organizations.length === 0) throw new Error('MessageBuilder: no organizations');
    this.organizations = organizations.map((profile, i) => compileOrganization(profile, i));
    this.#pickOrganization = new WeightedPicker(
      this.organizations.map((org) => [org, org.profile.weight ?? 1] as const),
    );
    this.#random = random;
    this.#multiShare = options.multiRecipientShare ?? 0.07;
  }

  /** Builds one message sent at `sentAt`; `to` forces its recipients (local parts steer outcomes). */
  build(sendTime: number, to?: readonly string[], organizationIndex?: number): SimulatedMessage {
    const random = this.#random;
    const sentAt = Math.floor(sendTime);
    const organization =
      organizationIndex === undefined
        ? this.#pickOrganization.pick(random)
        : this.organizations[organizationIndex];
    if (!organization) throw new Error(`MessageBuilder: no organization ${organizationIndex}`);
    const channel = organization.channels.pick(random);
    const recipients = to
      ? to.map(forcedRecipient)
      : this.#randomRecipients(organization, channel.profile.purpose);
    // Only forced recipients can be steered: the random audience never has those local parts.
    const steered = recipients.map((r) => (to ? outcomeForAddress(r.address) : undefined));
    const steeredFailure = steered.find((o) => o !== undefined && MESSAGE_LEVEL.has(o));
    let template = channel.templates.pick(random);
    let operation = channel.operations.pick(random);
    if (steeredFailure === 'rendering-failure') {
      template ??= firstTemplate(channel.templates.items);
      operation = 'SendTemplatedEmail';
    }
    if (!template && operation.includes('Templated')) operation = 'SendRawEmail';
    const sesRendered =
      template !== undefined && operation !== 'SendRawEmail' && operation !== 'SendSmtpEmail';
    const sender = (template ?? firstTemplate(channel.templates.items)).sender;
    const subject = fillSubject(
      random,
      template ? random.pick(template.subjects) : random.pick(UNTEMPLATED_SUBJECTS),
      organization.profile.brand,
    );
    const messageId = sesId(organization.messageIdPrefix, sentAt, random);
    const mail = buildMail(
      {
        organization,
        channel,
        sender,
        template: template?.name,
        operation,
        sesRendered,
        messageId,
        sentAt,
        recipients: recipients.map((r) => r.address),
        subject,
      },
      random,
    );
    const outgoingIp = mail.delivered.tags['ses:outgoing-ip']?.[0] ?? '54.240.8.10';
    const context: MessageContext = {
      random,
      organization,
      channel,
      template,
      messageId,
      sentAt,
      mail,
      outgoingIp,
      reportingMta: reportingMtaFor(outgoingIp, organization.mtaSuffix),
      events: [],
    };
    const messageOutcome =
      steeredFailure ??
      (steered.every((o) => o === undefined) ? randomMessageFailure(random, sesRendered) : undefined);
    const outcomes = recipients.map(
      (r, i) => messageOutcome ?? steered[i] ?? randomOutcome(random, r.domain, channel.profile.purpose),
    );
    if (messageOutcome === 'reject') {
      // SES refused the message: no Send (rejects are counted apart from sends).
      emit(context, 'Reject', sentAt + latency.sendLag(random), mail.accepted, REJECT_OBJECT);
    } else {
      emit(context, 'Send', sentAt + latency.sendLag(random), mail.send, {});
      if (messageOutcome === 'rendering-failure') {
        const at = sentAt + latency.renderLag(random);
        const name = (template ?? firstTemplate(channel.templates.items)).name;
        emit(
          context,
          'Rendering Failure',
          at,
          mail.bare,
          failureObject(name, random.pick(MISSING_ATTRIBUTES)),
        );
      } else {
        recipients.forEach((recipient, i) => {
          recipientEvents(context, recipient, outcomes[i] as Outcome, steered[i] !== undefined);
        });
      }
    }
    context.events.sort((a, b) => a.time - b.time);
    return {
      organization: organization.profile,
      messageId,
      sentAt,
      configurationSet: channel.profile.configurationSet,
      template: template?.name,
      sendingIdentity: sender.identity,
      subject,
      recipients: recipients.map((r, i) => ({
        address: r.address,
        outcome: outcomes[i] as Outcome,
        steered: steered[i] !== undefined,
      })),
      messageOutcome:
        messageOutcome === 'reject' || messageOutcome === 'rendering-failure' ? messageOutcome : undefined,
      events: context.events,
    };
  }

  #randomRecipients(organization: CompiledOrganization, purpose: string): Recipient[] {
    const random = this.#random;
    const first = organization.recipients.draw(random);
    // Bulk streams address one person per message; others sometimes copy colleagues or family.
    if (purpose === 'marketing' || purpose === 'onboarding' || !random.chance(this.#multiShare))
      return [first];
    const list = [first];
    const extra = random.chance(0.7) ? 1 : 2;
    for (let i = 0; i < extra; i++) {
      const other = organization.recipients.draw(random);
      const colleague: Recipient = first.domain.company
        ? {
            address: `${other.address.slice(0, other.address.indexOf('@'))}@${first.domain.domain}`,
            domain: first.domain,
          }
        : other;
      if (!list.some((r) => r.address === colleague.address)) list.push(colleague);
    }
    return list;
  }
}

function forcedRecipient(address: string): Recipient {
  const lower = address.toLowerCase();
  return { address, domain: recipientDomain(lower.slice(lower.indexOf('@') + 1)) };
}

function firstTemplate(items: readonly (CompiledTemplate | undefined)[]): CompiledTemplate {
  const found = items.find((t): t is CompiledTemplate => t !== undefined);
  if (!found) throw new Error('channel without templates');
  return found;
}

function fillSubject(random: Random, text: string, brand: string): string {
  const withBrand = text.replaceAll('{brand}', brand);
  return withBrand.includes('{n}') ? withBrand.replace('{n}', random.digits(6)) : withBrand;
}
