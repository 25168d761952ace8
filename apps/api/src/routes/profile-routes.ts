import {
  changePassword,
  confirmEmailChange,
  disconnectProvider,
  hasMfa,
  listConnections,
  meUser,
  PASSWORD_MIN_LENGTH,
  requestEmailChange,
  updateProfile,
} from '@sendops/auth';
import { DomainError, OAUTH_PROVIDERS, THEMES, WEEK_STARTS } from '@sendops/db';
import { emailChangeVerificationMail } from '@sendops/mail';
import { Type } from '@sinclair/typebox';
import { sessionOf } from '../http/api-app.ts';
import { ApiHttpError } from '../http/api-http-error.ts';
import { createLimiter, DEFAULT_RATE_LIMITS } from '../http/rate-limits.ts';
import type { RouteModule } from './route-module.ts';

const PROFILE_FIELDS = new Set(['name', 'timezone', 'followBrowserTimezone', 'weekStart', 'theme']);

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

/**
 * The Profile page (team/account-settings): personal settings, so no organization audit entry; the
 * password and email changes are the user's own security events, not any organization's.
 */
export const profileRoutes: RouteModule = (app, deps) => {
  const config = { permission: 'authenticated' } as const;
  // Each request mails a stranger's address: limited per user like sign-in attempts per email.
  const emailChangesPerUser = createLimiter(
    app,
    'email-change',
    deps.rateLimits?.authPerEmail ?? DEFAULT_RATE_LIMITS.authPerEmail,
  );

  app.patch(
    '/api/me',
    {
      config,
      // Fastify strips unknown properties silently; here one (say `email`) must not look accepted.
      preValidation: async (request) => {
        const body = request.body;
        const unknown =
          body && typeof body === 'object' ? Object.keys(body).filter((key) => !PROFILE_FIELDS.has(key)) : [];
        if (unknown.length > 0) {
          throw new DomainError('invalid', `body/${unknown[0]} cannot be changed here`);
        }
      },
      schema: {
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            timezone: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
            followBrowserTimezone: Type.Optional(Type.Boolean()),
            weekStart: Type.Optional(literals(WEEK_STARTS)),
            theme: Type.Optional(literals(THEMES)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { user } = sessionOf(request);
      const updated = await updateProfile(deps.db, user.id, request.body);
      return { user: meUser(updated, await hasMfa(deps.db, user.id)) };
    },
  );

  app.post(
    '/api/me/password',
    {
      config,
      schema: {
        body: Type.Object({
          currentPassword: Type.Optional(Type.String({ maxLength: 256 })),
          newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 }),
        }),
      },
    },
    async (request, reply) => {
      const { user, session } = sessionOf(request);
      await changePassword(deps.db, user.id, request.body, session.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/me/email',
    { config, schema: { body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }) } },
    async (request, reply) => {
      const { user } = sessionOf(request);
      const mail = deps.mail;
      if (!mail)
        throw new ApiHttpError(503, 'unavailable', 'outgoing mail is not configured on this installation');
      await emailChangesPerUser(request, user.id);
      const requested = await requestEmailChange(deps.db, user, request.body.email);
      await mail.send(
        emailChangeVerificationMail({
          publicUrl: deps.config.publicUrl,
          to: requested.newEmail,
          userName: user.name,
          token: requested.token,
          expiresAt: requested.expiresAt,
        }),
      );
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/me/email/verify',
    { config, schema: { body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (request) => {
      const { user } = sessionOf(request);
      const updated = await confirmEmailChange(deps.db, user.id, request.body.token);
      return { user: meUser(updated, await hasMfa(deps.db, user.id)) };
    },
  );

  app.get('/api/me/connections', { config }, async (request) => {
    const connections = await listConnections(deps.db, sessionOf(request).user.id);
    return connections.map((c) => ({ provider: c.provider, connectedAt: c.connectedAt.toISOString() }));
  });

  app.delete(
    '/api/me/connections/:provider',
    { config, schema: { params: Type.Object({ provider: literals(OAUTH_PROVIDERS) }) } },
    async (request, reply) => {
      await disconnectProvider(deps.db, sessionOf(request).user.id, request.params.provider);
      return reply.code(204).send();
    },
  );
};
