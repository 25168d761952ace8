import type { MailMessage } from '../mail-message.ts';
import { dashboardUrl, formatUtc, renderMail } from '../render-mail.ts';

export interface EmailChangeMailInput {
  publicUrl: string;
  /** The new address: the message proves it receives mail. */
  to: string;
  userName: string;
  token: string;
  expiresAt: Date;
}

/** The Profile page that confirms the change (`POST /api/me/email/verify`). */
export function emailChangeUrl(publicUrl: string, token: string): string {
  return dashboardUrl(publicUrl, `/profile/verify-email?token=${encodeURIComponent(token)}`);
}

export function emailChangeVerificationMail(input: EmailChangeMailInput): MailMessage {
  return renderMail({
    to: input.to,
    subject: 'Confirm your new SendOps email address',
    paragraphs: [
      `Hi ${input.userName}, you asked to use ${input.to} to sign in to SendOps.`,
      'Confirm the change while signed in to SendOps; until then your current address stays in use.',
    ],
    action: { label: 'Confirm email address', url: emailChangeUrl(input.publicUrl, input.token) },
    notes: [
      `This link expires on ${formatUtc(input.expiresAt)}.`,
      'If you did not ask for this, ignore this email: nothing changes.',
    ],
  });
}
