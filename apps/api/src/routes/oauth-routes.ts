import {
  connectOAuthAccount,
  createOAuthAuthorization,
  DEFAULT_OAUTH_ENDPOINTS,
  fetchOAuthProfile,
  OAUTH_PROVIDER_LABELS,
  type OAuthProviderSettings,
  OAuthProviderUnavailable,
  oauthRedirectUri,
  resolveSession,
  signInWithOAuth,
} from '@sendops/auth';
import { isDomainError, OAUTH_PROVIDERS, type OAuthProvider } from '@sendops/db';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiAppDeps } from '../api-deps.ts';
import { SESSION_COOKIE, setSessionCookies } from '../http/cookies.ts';
import type { RouteModule } from './route-module.ts';

/** state, PKCE verifier and where to go afterwards, between start and callback (httpOnly, 10 minutes). */
export const OAUTH_COOKIE = 'sendops_oauth';
const OAUTH_COOKIE_PATH = '/api/auth/oauth';
const OAUTH_COOKIE_MAX_AGE_SECONDS = 600;

interface OAuthFlow {
  provider: OAuthProvider;
  state: string;
  codeVerifier: string;
  next: string;
  /** Set when a signed-in user connects the provider from Profile. */
  connectUserId: string | null;
}

const ProviderParams = Type.Object({
  provider: Type.Union(OAUTH_PROVIDERS.map((provider) => Type.Literal(provider))),
});

/** A same-site path to return to; anything else (absolute URLs, `//host`) becomes `/`. */
export function safeNext(value: string | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

export function oauthSettingsOf(
  deps: ApiAppDeps,
  provider: OAuthProvider,
): OAuthProviderSettings | undefined {
  const client = deps.config.oauth[provider];
  if (!client) return undefined;
  return {
    provider,
    ...client,
    endpoints: deps.oauthEndpoints?.[provider] ?? DEFAULT_OAUTH_ENDPOINTS[provider],
  };
}

/**
 * "Sign in with GitHub / Google" and "Connect" on Profile (one flow: a signed-in browser connects, any
 * other signs in or up). Both routes are browser navigations, so the callback answers with redirects
 * to the dashboard: to `next` on success, to `/sign-in?mfa=...` when a second factor is due, and with
 * `oauthError=<message>` when it failed.
 */
export const oauthRoutes: RouteModule = (app, deps) => {
  const secure = deps.config.publicUrl.startsWith('https:');
  const dashboard = (path: string) => `${deps.config.publicUrl}${path}`;
  const cookieOptions = { path: OAUTH_COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure };

  async function activeUserId(request: FastifyRequest): Promise<string | null> {
    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(deps.db, token) : undefined;
    return resolved?.session.stage === 'active' ? resolved.user.id : null;
  }

  app.get(
    '/api/auth/oauth/:provider/start',
    {
      config: { permission: 'public' },
      schema: {
        params: ProviderParams,
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 2048 })) }),
      },
    },
    async (request, reply) => {
      const { provider } = request.params;
      const settings = oauthSettingsOf(deps, provider);
      if (!settings) {
        return reply.code(404).send({
          error: {
            code: 'not_found',
            message: `${OAUTH_PROVIDER_LABELS[provider]} sign-in is not configured`,
          },
        });
      }
      const authorization = createOAuthAuthorization(
        settings,
        oauthRedirectUri(deps.config.publicUrl, provider),
      );
      const flow: OAuthFlow = {
        provider,
        state: authorization.state,
        codeVerifier: authorization.codeVerifier,
        next: safeNext(request.query.next),
        connectUserId: await activeUserId(request),
      };
      void reply.setCookie(OAUTH_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
        ...cookieOptions,
        maxAge: OAUTH_COOKIE_MAX_AGE_SECONDS,
      });
      return reply.redirect(authorization.url.toString(), 302);
    },
  );

  app.get(
    '/api/auth/oauth/:provider/callback',
    {
      config: { permission: 'public' },
      schema: {
        params: ProviderParams,
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 2048 })),
            state: Type.Optional(Type.String({ maxLength: 512 })),
            error: Type.Optional(Type.String({ maxLength: 256 })),
          },
          { additionalProperties: true },
        ),
      },
    },
    async (request, reply) => {
      const { provider } = request.params;
      const label = OAUTH_PROVIDER_LABELS[provider];
      const flow = readFlow(request.cookies[OAUTH_COOKIE]);
      // One use: whatever happens next, the state and verifier are gone.
      void reply.clearCookie(OAUTH_COOKIE, cookieOptions);
      const fail = (message: string) => failure(reply, flow, message);

      const settings = oauthSettingsOf(deps, provider);
      if (!settings) return fail(`${label} sign-in is not configured`);
      if (request.query.error !== undefined) return fail(`${label} sign-in was cancelled`);
      const { code, state } = request.query;
      // The state must be the one this browser was sent off with (CSRF on the callback).
      if (!flow || flow.provider !== provider || !code || !state || state !== flow.state) {
        return fail(`the ${label} sign-in expired or did not start here; try again`);
      }
      try {
        const profile = await fetchOAuthProfile(
          settings,
          oauthRedirectUri(deps.config.publicUrl, provider),
          code,
          flow.codeVerifier,
        );
        if (flow.connectUserId !== null) {
          // Still the same signed-in user who pressed Connect.
          if ((await activeUserId(request)) !== flow.connectUserId)
            return fail('sign in again to connect an account');
          await connectOAuthAccount(deps.db, flow.connectUserId, profile);
          return reply.redirect(dashboard(flow.next), 302);
        }
        const result = await signInWithOAuth(deps.db, profile, {
          ip: request.ip,
          userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
        });
        setSessionCookies(reply, result.issued, secure);
        if (result.status === 'mfa_required') {
          const query = new URLSearchParams({ mfa: result.methods.join(','), next: flow.next });
          return reply.redirect(dashboard(`/sign-in?${query}`), 302);
        }
        return reply.redirect(dashboard(flow.next), 302);
      } catch (error) {
        if (isDomainError(error) || error instanceof OAuthProviderUnavailable) {
          request.log.info({ provider, reason: error.message }, 'oauth sign-in refused');
          return fail(error.message);
        }
        throw error;
      }
    },
  );

  function failure(reply: FastifyReply, flow: OAuthFlow | null, message: string) {
    if (flow?.connectUserId) {
      const [path = '/', search = ''] = flow.next.split('?');
      const query = new URLSearchParams(search);
      query.set('oauthError', message);
      return reply.redirect(dashboard(`${path}?${query}`), 302);
    }
    const query = new URLSearchParams({ oauthError: message });
    if (flow && flow.next !== '/') query.set('next', flow.next);
    return reply.redirect(dashboard(`/sign-in?${query}`), 302);
  }
};

function readFlow(cookie: string | undefined): OAuthFlow | null {
  if (!cookie || cookie.length > 4096) return null;
  try {
    const flow = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<OAuthFlow>;
    if (
      typeof flow.state !== 'string' ||
      typeof flow.codeVerifier !== 'string' ||
      typeof flow.next !== 'string' ||
      !OAUTH_PROVIDERS.includes(flow.provider as OAuthProvider)
    ) {
      return null;
    }
    return {
      provider: flow.provider as OAuthProvider,
      state: flow.state,
      codeVerifier: flow.codeVerifier,
      next: safeNext(flow.next),
      connectUserId: typeof flow.connectUserId === 'string' ? flow.connectUserId : null,
    };
  } catch {
    return null;
  }
}
