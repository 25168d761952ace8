import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ResolvedSession } from '@sendops/auth';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { OrganizationAccessed } from './route-access.ts';

/** The app as route modules see it: TypeBox schemas type params, query and body. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The session of a route that declared `authenticated` (or stricter); the access hook guarantees it. */
export function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.auth) throw new Error('no session on a route that requires one');
  return request.auth;
}

/** The organization of a `/api/orgs/:slug` route; the access hook guarantees it. */
export function organizationOf(request: FastifyRequest): OrganizationAccessed {
  if (!request.org) throw new Error('no organization on an organization-scoped route');
  return request.org;
}
