import {
  csrfTokenMatches,
  deleteSession,
  meUser,
  PASSWORD_MIN_LENGTH,
  resolveSession,
  signIn,
  signUp,
} from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { ApiHttpError } from '../http/api-http-error.ts';
import { CSRF_HEADER, clearSessionCookies, SESSION_COOKIE, setSessionCookies } from '../http/cookies.ts';
import { createLimiter, DEFAULT_RATE_LIMITS } from '../http/rate-limits.ts';
import type { RouteModule } from './route-module.ts';

const Email = Type.String({ minLength: 3, maxLength: 320 });
const Password = Type.String({ minLength: 1, maxLength: 256 });

export const authRoutes: RouteModule = (app, deps) => {
  const secure = deps.config.publicUrl.startsWith('https:');
  const perEmail = createLimiter(
    app,
    'auth-email',
    deps.rateLimits?.authPerEmail ?? DEFAULT_RATE_LIMITS.authPerEmail,
  );
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });

  app.get('/api/auth/providers', { config: { permission: 'public' } }, async () => ({
    github: deps.config.oauth.github !== undefined,
    google: deps.config.oauth.google !== undefined,
  }));

  app.post(
    '/api/auth/signup',
    {
      config: { permission: 'public' },
      schema: {
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          email: Email,
          password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 }),
        }),
      },
    },
    async (request, reply) => {
      await perEmail(request, request.body.email.trim().toLowerCase());
      const { user, issued } = await signUp(deps.db, request.body, client(request));
      setSessionCookies(reply, issued, secure);
      return reply.code(201).send({ user: meUser(user, false) });
    },
  );

  app.post(
    '/api/auth/signin',
    {
      config: { permission: 'public' },
      schema: { body: Type.Object({ email: Email, password: Password }) },
    },
    async (request, reply) => {
      await perEmail(request, request.body.email.trim().toLowerCase());
      const result = await signIn(deps.db, request.body, client(request));
      setSessionCookies(reply, result.issued, secure);
      if (result.status === 'mfa_required') return { status: 'mfa_required', methods: result.methods };
      return { status: 'signed_in' };
    },
  );

  // Public so a stale cookie can always be cleared; a live session still needs its CSRF token.
  app.post('/api/auth/signout', { config: { permission: 'public' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(deps.db, token) : undefined;
    if (resolved) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !csrfTokenMatches(resolved.session, header)) {
        throw new ApiHttpError(
          403,
          'csrf_failed',
          `the ${CSRF_HEADER} header must repeat the sendops_csrf cookie`,
        );
      }
      await deleteSession(deps.db, resolved.session.id);
    }
    clearSessionCookies(reply, secure);
    return reply.code(204).send();
  });
};
