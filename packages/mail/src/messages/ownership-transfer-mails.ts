import type { MailLogo, MailMessage } from '../mail-message.ts';
import { dashboardUrl, describePerson, formatUtc, type Person, renderMail } from '../render-mail.ts';

export interface OwnershipTransferMailInput {
  publicUrl: string;
  organizationName: string;
  organizationSlug: string;
  /** The Owner who started the transfer. */
  from: Person;
  /** The member who is offered ownership. */
  to: Person;
  expiresAt: Date;
  /** The workspace logo, shown inline when the organization has one. */
  logo?: MailLogo | null;
}

function logoOf(input: OwnershipTransferMailInput) {
  return input.logo ? { image: input.logo, alt: input.organizationName } : null;
}

/** The organization's dashboard: it shows the target the transfer banner with Accept (and the Owner a Cancel). */
export function ownershipTransferUrl(publicUrl: string, organizationSlug: string): string {
  return dashboardUrl(publicUrl, `/o/${encodeURIComponent(organizationSlug)}`);
}

/** To the target (with the Accept button) and to the Owner (members-and-roles: "Initiating a transfer"). */
export function ownershipTransferInitiatedMails(input: OwnershipTransferMailInput): MailMessage[] {
  const url = ownershipTransferUrl(input.publicUrl, input.organizationSlug);
  const deadline = formatUtc(input.expiresAt);
  return [
    renderMail({
      logo: logoOf(input),
      to: input.to.email,
      subject: `${input.from.name || input.from.email} wants to transfer ownership of ${input.organizationName} to you`,
      paragraphs: [
        `${describePerson(input.from)} started transferring ownership of ${input.organizationName} on SendOps to you.`,
        `Once you accept, you become the Owner and ${input.from.name || input.from.email} becomes an Org Admin. Both of you are then signed out of all sessions.`,
      ],
      action: { label: 'Accept ownership', url },
      notes: [`The transfer expires on ${deadline} unless you accept it before then.`],
    }),
    renderMail({
      logo: logoOf(input),
      to: input.from.email,
      subject: `Ownership transfer of ${input.organizationName} started`,
      paragraphs: [
        `You started transferring ownership of ${input.organizationName} to ${describePerson(input.to)}.`,
        `They have until ${deadline} to accept. You can cancel the transfer before then from Settings → Workspace.`,
      ],
      action: { label: 'View transfer', url },
    }),
  ];
}

/** To both: the new Owner and the former Owner, now an Org Admin; both were signed out everywhere. */
export function ownershipTransferAcceptedMails(input: OwnershipTransferMailInput): MailMessage[] {
  const signIn = {
    label: 'Sign in to SendOps',
    url: dashboardUrl(input.publicUrl, `/sign-in?next=${encodeURIComponent(`/o/${input.organizationSlug}`)}`),
  };
  const signedOut = 'You have been signed out of all sessions; sign in again to continue.';
  return [
    renderMail({
      logo: logoOf(input),
      to: input.to.email,
      subject: `You are now the Owner of ${input.organizationName}`,
      paragraphs: [
        `You accepted the ownership transfer of ${input.organizationName} from ${describePerson(input.from)}. You are now its Owner.`,
        'Please review the billing contact details so invoices and receipts go to the right address.',
        signedOut,
      ],
      action: signIn,
    }),
    renderMail({
      logo: logoOf(input),
      to: input.from.email,
      subject: `Ownership of ${input.organizationName} transferred to ${input.to.name || input.to.email}`,
      paragraphs: [
        `${describePerson(input.to)} accepted the ownership transfer of ${input.organizationName}. They are now its Owner and you are an Org Admin.`,
        signedOut,
      ],
      action: signIn,
    }),
  ];
}

/** To the target only (members-and-roles: "The target member receives a cancellation email"). */
export function ownershipTransferCancelledMail(input: OwnershipTransferMailInput): MailMessage {
  return renderMail({
    logo: logoOf(input),
    to: input.to.email,
    subject: `Ownership transfer of ${input.organizationName} cancelled`,
    paragraphs: [
      `${describePerson(input.from)} cancelled the transfer of ownership of ${input.organizationName} to you. Your role is unchanged.`,
    ],
  });
}

/** To both parties once the 72-hour window passed without an acceptance. */
export function ownershipTransferExpiredMails(input: OwnershipTransferMailInput): MailMessage[] {
  const subject = `Ownership transfer of ${input.organizationName} expired`;
  return [
    renderMail({
      logo: logoOf(input),
      to: input.to.email,
      subject,
      paragraphs: [
        `The transfer of ownership of ${input.organizationName} from ${describePerson(input.from)} to you expired on ${formatUtc(input.expiresAt)} without being accepted. Your role is unchanged.`,
      ],
    }),
    renderMail({
      logo: logoOf(input),
      to: input.from.email,
      subject,
      paragraphs: [
        `Your transfer of ownership of ${input.organizationName} to ${describePerson(input.to)} expired on ${formatUtc(input.expiresAt)} without being accepted. You are still the Owner.`,
        'You can start a new transfer from Settings → Workspace.',
      ],
    }),
  ];
}
