import type {
  ApiKeyScope,
  AuthenticatedApiKey,
  OrganizationContext,
  Permission,
  ResolvedSession,
} from '@sendops/auth';
import type { Organization } from '@sendops/db';

/**
 * What a route requires; every route declares one in `config.permission` (deny by default: a route
 * without it cannot be registered).
 * - `public`: anyone.
 * - `authenticated`: a signed-in user (active session).
 * - `mfa_pending`: a session waiting for its second factor (the MFA sign-in routes).
 * - `member`: under `/api/orgs/:slug`, any member of that organization.
 * - a permission name: under `/api/orgs/:slug`, a member whose role holds it.
 * - `api_key`: `/v1`, any valid bearer API key of the organization.
 * - `scope:<scope>`: `/v1`, a bearer API key holding that scope.
 */
export type RouteAccess =
  | 'public'
  | 'authenticated'
  | 'mfa_pending'
  | 'member'
  | Permission
  | 'api_key'
  | `scope:${ApiKeyScope}`;

export interface OrganizationAccessed {
  organization: Organization;
  context: OrganizationContext;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess;
  }
  interface FastifyRequest {
    /** The cookie session, on routes that require one. */
    auth: ResolvedSession | null;
    /** The organization of `/api/orgs/:slug`, once membership and permission are checked. */
    org: OrganizationAccessed | null;
    /** The bearer key of `/v1` routes. */
    apiKey: AuthenticatedApiKey | null;
  }
}

/** Routes below this prefix are organization-scoped: `:slug` is resolved against the caller's memberships. */
export const ORG_ROUTE_PREFIX = '/api/orgs/:slug';
