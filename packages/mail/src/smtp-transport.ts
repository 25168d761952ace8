import { createTransport } from 'nodemailer';
import type { MailMessage, MailTransport } from './mail-message.ts';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (implicit TLS). */
  url: string;
  from: string;
}

/** Sends through an SMTP server with nodemailer; one pooled connection set per process. */
export class SmtpTransport implements MailTransport {
  readonly #mailer;
  readonly #from: string;

  constructor(options: SmtpTransportOptions) {
    this.#mailer = createTransport(options.url);
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#mailer.sendMail({
      from: this.#from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments?.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: attachment.content,
        ...(attachment.cid ? { cid: attachment.cid } : {}),
      })),
    });
  }

  async close(): Promise<void> {
    this.#mailer.close();
  }
}
