import type { SwaggerOptions } from '@fastify/swagger';

/** The path of the public API's OpenAPI document (served without authentication). */
export const OPENAPI_PATH = '/v1/openapi.json';

/**
 * @fastify/swagger builds the document from the route schemas; only the public `/v1` routes are in it
 * (the dashboard's `/api` routes are internal, their contract is docs/dashboard-api.md).
 */
export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'SendOps public API',
      version: '1.0.0',
      description:
        'Read-only access to your organization’s SES data with bearer API keys. Reference: docs/public-api.md.',
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key created under Settings → API Keys (`Authorization: Bearer sk_live_…`).',
        },
      },
    },
    security: [{ bearerAuth: [] }],
  },
  transform: ({ schema, url }) => {
    const documented = url.startsWith('/v1/') && url !== OPENAPI_PATH;
    return { schema: documented ? schema : { ...schema, hide: true }, url };
  },
};
