import { randomUUID } from 'node:crypto';
import type { RegisteredRoute } from '../../src/http/route-guard.ts';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: JsonSchema;
}

/**
 * A small valid value for a route's JSON schema (required properties only), so generic tests reach the
 * handler instead of stopping at validation, whatever routes others add later.
 */
export function sampleValue(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.[0]) return sampleValue(variants[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = sampleValue(schema.properties?.[key]);
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleValue(schema.items));
    case 'string':
      if (schema.format === 'email') return 'sample@example.com';
      if (schema.format === 'uuid') return randomUUID();
      return 'sample-value'.padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'sample';
  }
}

/** Names of a route's path parameters, in order (`/api/orgs/:slug/keys/:id` -> [slug, id]). */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
}

export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? randomUUID()),
  );
}

export function sampleQuery(route: RegisteredRoute): string {
  const query = sampleValue(route.schema.querystring as JsonSchema | undefined) as
    | Record<string, unknown>
    | undefined;
  if (!query || Object.keys(query).length === 0) return '';
  return `?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

export function sampleBody(route: RegisteredRoute): unknown {
  return sampleValue(route.schema.body as JsonSchema | undefined);
}

export const ORG_PREFIX = '/api/orgs/:slug';

export function isOrgRoute(route: RegisteredRoute): boolean {
  return route.url === ORG_PREFIX || route.url.startsWith(`${ORG_PREFIX}/`);
}

export function isPublicApiRoute(route: RegisteredRoute): boolean {
  return route.url === '/v1' || route.url.startsWith('/v1/');
}
