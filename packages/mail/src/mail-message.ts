/** One rendered email for one recipient; the transport adds the From address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The links the message carries, so the development outbox can show them without parsing HTML. */
  links: string[];
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The part of a pino logger the transports use. */
export interface MailLogger {
  info(object: object, message: string): void;
}
