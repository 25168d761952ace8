import { DevOutboxTransport } from '@sendops/mail';
import { mailTransportOf } from '../http/team-mailer.ts';
import type { RouteModule } from './route-module.ts';

/**
 * `GET /api/dev/outbox`: without an SMTP server, the mail SendOps would have sent (invitation links,
 * transfer notices), newest first. Never registered in production nor when SMTP is configured.
 */
export const devOutboxRoutes: RouteModule = (app, deps) => {
  const transport = mailTransportOf(deps);
  if (deps.config.env === 'production' || !(transport instanceof DevOutboxTransport)) return;
  app.get('/api/dev/outbox', { config: { permission: 'public' } }, async () => ({
    items: transport.list().map((message) => ({
      id: message.id,
      from: message.from,
      to: message.to,
      subject: message.subject,
      sentAt: message.sentAt.toISOString(),
      links: message.links,
      text: message.text,
      html: message.html,
    })),
    nextCursor: null,
  }));
};
