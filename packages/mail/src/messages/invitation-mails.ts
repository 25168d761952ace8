import type { MailLogo, MailMessage } from '../mail-message.ts';
import { dashboardUrl, describePerson, formatUtc, type Person, renderMail } from '../render-mail.ts';

export interface InvitationMailInput {
  publicUrl: string;
  to: string;
  organizationName: string;
  /** Display name of the offered role, e.g. "Org Admin". */
  roleLabel: string;
  inviter: Person;
  token: string;
  expiresAt: Date;
  /** The workspace logo, shown inline when the organization has one. */
  logo?: MailLogo | null;
}

/** The dashboard page that shows and accepts an invitation (members-and-roles: "From the email link"). */
export function invitationUrl(publicUrl: string, token: string): string {
  return dashboardUrl(publicUrl, `/invitations/${encodeURIComponent(token)}`);
}

export function invitationMail(input: InvitationMailInput): MailMessage {
  return renderMail({
    to: input.to,
    logo: input.logo ? { image: input.logo, alt: input.organizationName } : null,
    subject: `${input.inviter.name || input.inviter.email} invited you to ${input.organizationName} on SendOps`,
    paragraphs: [
      `${describePerson(input.inviter)} invited you to join ${input.organizationName} on SendOps as ${input.roleLabel}.`,
      'If you do not have a SendOps account yet, you can create one when you accept.',
    ],
    action: { label: 'Accept invitation', url: invitationUrl(input.publicUrl, input.token) },
    notes: [
      `This invitation expires on ${formatUtc(input.expiresAt)}.`,
      'If you were not expecting it, you can ignore this email.',
    ],
  });
}

/** A re-sent invitation carries a new link; the earlier one no longer works. */
export function invitationResentMail(input: InvitationMailInput): MailMessage {
  return renderMail({
    to: input.to,
    logo: input.logo ? { image: input.logo, alt: input.organizationName } : null,
    subject: `Reminder: join ${input.organizationName} on SendOps`,
    paragraphs: [
      `${describePerson(input.inviter)} sent you a new invitation to join ${input.organizationName} on SendOps as ${input.roleLabel}.`,
      'Use the link below; links from earlier invitation emails no longer work.',
    ],
    action: { label: 'Accept invitation', url: invitationUrl(input.publicUrl, input.token) },
    notes: [`This invitation expires on ${formatUtc(input.expiresAt)}.`],
  });
}
