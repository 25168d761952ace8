export { createMailTransport, type MailTransportConfig } from './create-mail-transport.ts';
export {
  DevOutboxTransport,
  type DevOutboxTransportOptions,
  type OutboxMessage,
} from './dev-outbox-transport.ts';
export type { MailAttachment, MailLogger, MailLogo, MailMessage, MailTransport } from './mail-message.ts';
export {
  type EmailChangeMailInput,
  emailChangeUrl,
  emailChangeVerificationMail,
} from './messages/email-change-mails.ts';
export {
  type InvitationMailInput,
  invitationMail,
  invitationResentMail,
  invitationUrl,
} from './messages/invitation-mails.ts';
export {
  type OwnershipTransferMailInput,
  ownershipTransferAcceptedMails,
  ownershipTransferCancelledMail,
  ownershipTransferExpiredMails,
  ownershipTransferInitiatedMails,
  ownershipTransferUrl,
} from './messages/ownership-transfer-mails.ts';
export { escapeHtml, formatUtc, type Person } from './render-mail.ts';
export { SmtpTransport, type SmtpTransportOptions } from './smtp-transport.ts';
