import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Operation {
  parameters?: { in: string; name: string; schema?: unknown; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: unknown;
}
type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas?: object };
  security: unknown[];
};

/** `/v1/messages/:id` → `/v1/messages/{id}` (OpenAPI path templating). */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe('GET /v1/openapi.json', () => {
  it('is public and documents every /v1 route, and only those, with its schemas', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const doc = response.json<OpenApi>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);

    const v1Routes = h.app.registeredRoutes.filter(
      (route) => route.url.startsWith('/v1/') && route.url !== '/v1/openapi.json' && route.method !== 'HEAD',
    );
    expect(v1Routes.length).toBeGreaterThanOrEqual(3);
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      v1Routes.map((route) => `${route.method} ${openApiPath(route.url)}`).sort(),
    );

    for (const route of v1Routes) {
      const label = `${route.method} ${route.url}`;
      const operation = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()] as Operation;
      // A JSON schema for the success answer and for the error shape.
      const ok = operation.responses?.['200']?.content?.['application/json']?.schema;
      expect(ok, label).toBeDefined();
      expect(Object.keys(ok ?? {}).length, label).toBeGreaterThan(0);
      const error = operation.responses?.['401']?.content?.['application/json']?.schema;
      expect(error, label).toMatchObject({ properties: { error: expect.any(Object) } });
      // Every declared query and path parameter is documented, with its schema.
      const schema = route.schema as {
        querystring?: { properties?: object };
        params?: { properties?: object };
      };
      const expected = [
        ...Object.keys(schema.querystring?.properties ?? {}).map((name) => `query ${name}`),
        ...Object.keys(schema.params?.properties ?? {}).map((name) => `path ${name}`),
      ];
      const parameters = operation.parameters ?? [];
      expect(parameters.map((p) => `${p.in} ${p.name}`).sort(), label).toEqual(expected.sort());
      for (const parameter of parameters)
        expect(parameter.schema, `${label} ${parameter.name}`).toBeDefined();
    }

    // No dashboard route leaks into the public document; every $ref resolves.
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith('/v1/'))).toEqual([]);
    for (const ref of refsIn(doc)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });
});
