import type { TeamMailer } from '@sendops/auth';
import { createMailTransport, type MailTransport } from '@sendops/mail';
import type { ApiAppDeps } from '../api-deps.ts';

const transports = new WeakMap<ApiAppDeps, MailTransport>();

/**
 * The app's one mail transport: the one the launcher passed, else the one `SENDOPS_SMTP_URL` configures
 * (the development outbox when unset). Memoized per app so the team routes and `GET /api/dev/outbox`
 * share it.
 */
export function mailTransportOf(deps: ApiAppDeps): MailTransport {
  let transport = deps.mail ?? transports.get(deps);
  if (!transport) {
    transport = createMailTransport(deps.config.mail, deps.logger);
    transports.set(deps, transport);
  }
  return transport;
}

export function teamMailerOf(deps: ApiAppDeps): TeamMailer {
  return { transport: mailTransportOf(deps), publicUrl: deps.config.publicUrl, logger: deps.logger };
}
