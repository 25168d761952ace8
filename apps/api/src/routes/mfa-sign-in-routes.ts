import {
  type AuthenticationResponseJSON,
  signInWithRecoveryCode,
  signInWithTotp,
  signInWithWebAuthn,
  startWebAuthnSignIn,
} from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../http/api-app.ts';
import { setSessionCookies } from '../http/cookies.ts';
import { mfaContextOf } from '../http/mfa-context.ts';
import { createLimiter, DEFAULT_RATE_LIMITS } from '../http/rate-limits.ts';
import type { RouteModule } from './route-module.ts';

const Code = Type.String({ minLength: 1, maxLength: 64 });
/** A PublicKeyCredential as JSON (@simplewebauthn/browser); its contents are checked by the verifier. */
export const WebAuthnResponse = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1024 }),
    rawId: Type.String({ minLength: 1, maxLength: 1024 }),
    type: Type.Literal('public-key'),
    response: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

/**
 * The second step of sign-in (`mfa_pending` session from `POST /api/auth/signin`): TOTP, recovery code
 * or security key. Besides the per-IP limit of every `/api/auth/*` route, attempts are limited per
 * account, so a stolen password cannot be followed by guessing codes from many addresses.
 */
export const mfaSignInRoutes: RouteModule = (app, deps) => {
  const secure = deps.config.publicUrl.startsWith('https:');
  const perAccount = createLimiter(
    app,
    'mfa-account',
    deps.rateLimits?.authPerEmail ?? DEFAULT_RATE_LIMITS.authPerEmail,
  );
  const client = (request: FastifyRequest) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });
  const config = { permission: 'mfa_pending' } as const;

  app.post(
    '/api/auth/mfa/totp',
    { config, schema: { body: Type.Object({ code: Code }) } },
    async (request, reply) => {
      const { session } = sessionOf(request);
      await perAccount(request, session.user_id);
      const issued = await signInWithTotp(mfaContextOf(deps), session, request.body.code, client(request));
      setSessionCookies(reply, issued, secure);
      return { status: 'signed_in' as const };
    },
  );

  app.post(
    '/api/auth/mfa/recovery-code',
    { config, schema: { body: Type.Object({ code: Code }) } },
    async (request, reply) => {
      const { session } = sessionOf(request);
      await perAccount(request, session.user_id);
      const issued = await signInWithRecoveryCode(
        mfaContextOf(deps),
        session,
        request.body.code,
        client(request),
      );
      setSessionCookies(reply, issued, secure);
      return { status: 'signed_in' as const };
    },
  );

  app.post('/api/auth/mfa/webauthn/options', { config }, async (request) =>
    startWebAuthnSignIn(mfaContextOf(deps), sessionOf(request).session),
  );

  app.post(
    '/api/auth/mfa/webauthn/verify',
    { config, schema: { body: Type.Object({ response: WebAuthnResponse }) } },
    async (request, reply) => {
      const { session } = sessionOf(request);
      await perAccount(request, session.user_id);
      const issued = await signInWithWebAuthn(
        mfaContextOf(deps),
        session,
        request.body.response as unknown as AuthenticationResponseJSON,
        client(request),
      );
      setSessionCookies(reply, issued, secure);
      return { status: 'signed_in' as const };
    },
  );
};
