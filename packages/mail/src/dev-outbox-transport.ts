import { randomUUID } from 'node:crypto';
import type { MailLogger, MailMessage, MailTransport } from './mail-message.ts';

export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  sentAt: Date;
}

export interface DevOutboxTransportOptions {
  from: string;
  logger: MailLogger;
  /** How many messages are kept (newest win). */
  capacity?: number;
  /** Clock for `sentAt`; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * Development transport (no SMTP server configured): prints each message's recipient, subject and links
 * to the log, and keeps the last few in memory so `GET /api/dev/outbox` can show them.
 */
export class DevOutboxTransport implements MailTransport {
  readonly #from: string;
  readonly #logger: MailLogger;
  readonly #capacity: number;
  readonly #now: () => Date;
  readonly #messages: OutboxMessage[] = [];

  constructor(options: DevOutboxTransportOptions) {
    this.#from = options.from;
    this.#logger = options.logger;
    this.#capacity = options.capacity ?? 50;
    this.#now = options.now ?? (() => new Date());
  }

  async send(message: MailMessage): Promise<void> {
    const stored: OutboxMessage = { ...message, id: randomUUID(), from: this.#from, sentAt: this.#now() };
    this.#messages.push(stored);
    if (this.#messages.length > this.#capacity) this.#messages.shift();
    this.#logger.info(
      { mail: { to: message.to, subject: message.subject, links: message.links } },
      'mail not sent (no SENDOPS_SMTP_URL): kept in the development outbox',
    );
  }

  /** Newest first. */
  list(): OutboxMessage[] {
    return [...this.#messages].reverse();
  }

  async close(): Promise<void> {}
}
