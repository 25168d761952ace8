import {
  assertMfaCompliance,
  authenticateApiKey,
  csrfTokenMatches,
  hasPermission,
  isPermission,
  resolveOrganizationAccess,
  resolveSession,
} from '@sendops/auth';
import { DomainError } from '@sendops/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiAppDeps } from '../api-deps.ts';
import { ApiHttpError } from './api-http-error.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './cookies.ts';
import { createLimiter, DEFAULT_RATE_LIMITS } from './rate-limits.ts';
import { ORG_ROUTE_PREFIX, type RouteAccess } from './route-access.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Double submit: the header must equal the cookie, and the token must be the one bound to the session. */
function assertCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.auth) return;
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies[CSRF_COOKIE];
  if (typeof header !== 'string' || header !== cookie || !csrfTokenMatches(request.auth.session, header)) {
    throw new ApiHttpError(
      403,
      'csrf_failed',
      `the ${CSRF_HEADER} header must repeat the ${CSRF_COOKIE} cookie`,
    );
  }
}

/** `/api/orgs/old-slug/x?y` -> `/api/orgs/new-slug/x?y` */
function movedLocation(url: string, slug: string): string {
  return url.replace(/^\/api\/orgs\/[^/?#]+/, `/api/orgs/${encodeURIComponent(slug)}`);
}

/**
 * One onRequest hook enforces every route's declared access before its body is even parsed, so a
 * caller without access learns nothing from validation errors: 401 without a session, 404 for an
 * organization they do not belong to (same answer as for one that does not exist), 308 for a moved
 * slug, 403 when their role lacks the permission, then CSRF on cookie-authenticated writes.
 */
export function registerAccessHook(app: FastifyInstance, deps: ApiAppDeps): void {
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const authPerIp = createLimiter(app, 'auth-ip', limits.authPerIp);
  const perOrganization = createLimiter(app, 'org', limits.perOrganization);

  app.decorateRequest('auth', null);
  app.decorateRequest('org', null);
  app.decorateRequest('apiKey', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.permission as RouteAccess | undefined;
    const url = request.routeOptions.url ?? '';
    if (url.startsWith('/api/auth/')) await authPerIp(request, request.ip);
    if (access === undefined) {
      // Unmatched URLs (the 404 handler) have no route options; registered routes always declare access.
      if (request.is404) return;
      throw new Error(`route ${request.method} ${url} declares no permission`);
    }
    if (access === 'public') return;

    if (access === 'api_key' || access.startsWith('scope:')) {
      const token = bearerToken(request);
      const authenticated = token ? await authenticateApiKey(deps.db, token) : undefined;
      if (!authenticated) {
        throw new ApiHttpError(
          401,
          'unauthenticated',
          'a valid API key is required: Authorization: Bearer sk_…',
          {
            'www-authenticate': 'Bearer',
          },
        );
      }
      await perOrganization(request, authenticated.organization.id);
      if (access !== 'api_key' && !authenticated.apiKey.scopes.includes(access.slice('scope:'.length))) {
        throw new DomainError('forbidden', `this API key lacks the scope ${access.slice('scope:'.length)}`);
      }
      request.apiKey = authenticated;
      return;
    }

    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(deps.db, token) : undefined;
    const wantedStage = access === 'mfa_pending' ? 'mfa_pending' : 'active';
    if (!resolved || resolved.session.stage !== wantedStage) {
      throw new DomainError(
        'unauthenticated',
        wantedStage === 'active' ? 'sign in first' : 'no sign-in is waiting for a second factor',
      );
    }
    request.auth = resolved;

    if (url === ORG_ROUTE_PREFIX || url.startsWith(`${ORG_ROUTE_PREFIX}/`)) {
      const { slug } = request.params as { slug: string };
      const found = await resolveOrganizationAccess(deps.db, resolved.user, slug);
      if (found.kind === 'moved') {
        throw new ApiHttpError(308, 'moved', `this organization is now at ${found.slug}`, {
          location: movedLocation(request.url, found.slug),
        });
      }
      if (found.kind === 'not_found') throw new DomainError('not_found', 'organization not found');
      await perOrganization(request, found.organization.id);
      // After the grace period, a member without MFA of an organization enforcing it: 403 mfa_required.
      await assertMfaCompliance(deps.db, found.organization, resolved.user.id);
      if (isPermission(access) && !hasPermission(found.role, access)) {
        throw new DomainError('forbidden', `your role (${found.role}) lacks the permission ${access}`);
      }
      request.org = { organization: found.organization, context: found.context };
    } else if (access === 'member' || isPermission(access)) {
      throw new Error(`route ${url} requires ${access} but is not under ${ORG_ROUTE_PREFIX}`);
    }
    assertCsrf(request);
  });
}
