import { listAuditEntries, verifyAuditLog } from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

export const auditLogRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/audit-log',
    {
      config: { permission: 'audit.view' },
      schema: {
        params: Slug,
        querystring: Type.Object({
          resourceType: Type.Optional(Type.String({ maxLength: 64 })),
          operation: Type.Optional(Type.String({ maxLength: 64 })),
          actor: Type.Optional(Type.String({ maxLength: 200 })),
          cursor: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
      },
    },
    async (request) => listAuditEntries(deps.db, organizationOf(request).context, request.query),
  );

  app.get(
    '/api/orgs/:slug/audit-log/verify',
    { config: { permission: 'audit.view' }, schema: { params: Slug } },
    async (request) => verifyAuditLog(deps.db, organizationOf(request).context),
  );
};
