import type { Database } from '@sendops/db';
import type { MailMessage, MailTransport } from '@sendops/mail';
import type { Kysely } from 'kysely';

/** How team actions reach people: the transport, the dashboard URL links point at, where failures go. */
export interface TeamMailer {
  transport: MailTransport;
  /** Dashboard base URL (`SENDOPS_PUBLIC_URL`). */
  publicUrl: string;
  logger: { error(object: object, message: string): void };
}

export interface TeamDeps {
  db: Kysely<Database>;
  mailer: TeamMailer;
  /** The clock for expiry decisions; tests pass a fixed one instead of sleeping. */
  now?: () => Date;
}

export function currentTime(deps: Pick<TeamDeps, 'now'>): Date {
  return deps.now ? deps.now() : new Date();
}

/**
 * Sends after the action committed. A failed send is logged, not thrown: the change is already made
 * and a retry of the request would be refused (or repeat it); invitations can be re-sent.
 */
export async function deliver(mailer: TeamMailer, messages: readonly MailMessage[]): Promise<void> {
  for (const message of messages) {
    try {
      await mailer.transport.send(message);
    } catch (error) {
      mailer.logger.error(
        { err: error, mail: { to: message.to, subject: message.subject } },
        'mail not sent',
      );
    }
  }
}
