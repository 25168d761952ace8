import {
  getOrganizationLogo,
  LOGO_CONTENT_TYPES,
  LOGO_MAX_BYTES,
  organizationLogoUrl,
  removeOrganizationLogo,
  setOrganizationLogo,
} from '@sendops/auth';
import { DomainError } from '@sendops/db';
import { Type } from '@sinclair/typebox';
import type { ApiApp } from '../http/api-app.ts';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

// A little over the 2 MB the domain allows, so a file just over it is refused by the domain's clear
// message, and anything much larger is cut off by Fastify (413 too_large) without being buffered.
const LOGO_BODY_LIMIT = LOGO_MAX_BYTES + 64 * 1024;

/** `W/"…"`, `"…"` or a list of them, against the logo's hash. */
function matchesEtag(ifNoneMatch: string | undefined, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${sha256}"`);
}

/** Settings → Workspace logo (team/account-settings): upload, replace, remove; every member reads it. */
export const orgLogoRoutes: RouteModule = async (app, deps) => {
  // Image parsers only in this scope: no other route accepts raw image bodies.
  await app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser(
      [...LOGO_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: LOGO_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

    scope.put(
      '/api/orgs/:slug/logo',
      {
        config: { permission: 'org.settings.manage' },
        bodyLimit: LOGO_BODY_LIMIT,
        schema: { params: Slug },
      },
      async (request) => {
        const { context, organization } = organizationOf(request);
        if (!Buffer.isBuffer(request.body)) {
          throw new DomainError(
            'invalid',
            'send the image itself as the body, with Content-Type image/png, image/jpeg, image/webp or image/gif',
          );
        }
        const logo = await setOrganizationLogo(deps.db, context, request.body);
        return {
          logoUrl: organizationLogoUrl(organization.slug, logo.sha256),
          contentType: logo.contentType,
          size: logo.size,
        };
      },
    );
  });

  app.delete(
    '/api/orgs/:slug/logo',
    { config: { permission: 'org.settings.manage' }, schema: { params: Slug } },
    async (request, reply) => {
      await removeOrganizationLogo(deps.db, organizationOf(request).context);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/orgs/:slug/logo',
    { config: { permission: 'member' }, schema: { params: Slug } },
    async (request, reply) => {
      const { context } = organizationOf(request);
      const logo = await getOrganizationLogo(deps.db, context.organizationId);
      if (!logo) throw new DomainError('not_found', 'this workspace has no logo');
      void reply
        .header('etag', `"${logo.sha256}"`)
        .header('cache-control', 'private, max-age=300')
        // Served as an image only; never sniffed or run as a document.
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'");
      if (matchesEtag(request.headers['if-none-match'], logo.sha256)) return reply.code(304).send();
      return reply.type(logo.content_type).send(logo.bytes);
    },
  );
};
