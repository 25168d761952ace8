/** A file carried by the message; `cid` set makes it inline (`<img src="cid:…">` in the HTML part). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  cid?: string;
}

/** The workspace logo, carried inline: never a link, the image lives behind the dashboard's sign-in. */
export interface MailLogo {
  contentType: string;
  content: Buffer;
}

/** One rendered email for one recipient; the transport adds the From address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The links the message carries, so the development outbox can show them without parsing HTML. */
  links: string[];
  attachments?: MailAttachment[];
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The part of a pino logger the transports use. */
export interface MailLogger {
  info(object: object, message: string): void;
}
