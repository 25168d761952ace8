import { DevOutboxTransport } from './dev-outbox-transport.ts';
import type { MailLogger, MailTransport } from './mail-message.ts';
import { SmtpTransport } from './smtp-transport.ts';

export interface MailTransportConfig {
  smtpUrl: string | undefined;
  from: string;
}

/** SMTP when `SENDOPS_SMTP_URL` is set, otherwise the development outbox. */
export function createMailTransport(config: MailTransportConfig, logger: MailLogger): MailTransport {
  if (config.smtpUrl) return new SmtpTransport({ url: config.smtpUrl, from: config.from });
  return new DevOutboxTransport({ from: config.from, logger });
}
