import { randomBytes } from 'node:crypto';
import { loadConfig } from '@sendops/config';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type { ApiAppDeps } from '../../src/api-deps.ts';
import { buildApiApp } from '../../src/build-api-app.ts';
import type { ApiApp } from '../../src/http/api-app.ts';

export interface Harness {
  app: ApiApp;
  test: TestDatabase;
  close(): Promise<void>;
}

/** A real database of its own and the real app, called through inject. */
export async function startHarness(overrides: Partial<ApiAppDeps> = {}): Promise<Harness> {
  const test = await createTestDatabase();
  const app = await buildApiApp({
    config: loadConfig({}, { NODE_ENV: 'test' }),
    db: test.db,
    logger: pino({ level: 'silent' }),
    // Generous by default so suites that sign many users up are not throttled; rate-limit tests lower them.
    rateLimits: {
      authPerIp: { max: 10_000, timeWindowMs: 60_000 },
      authPerEmail: { max: 10_000, timeWindowMs: 60_000 },
    },
    ...overrides,
  });
  await app.ready();
  return {
    app,
    test,
    async close() {
      await app.close();
      await test.destroy();
    },
  };
}

/** A signed-in browser: its cookies, replayed on every request, and the CSRF header on writes. */
export interface Client {
  session: string;
  csrf: string;
  userId: string;
  email: string;
  name: string;
}

export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const cookie of response.cookies as { name: string; value: string }[]) jar[cookie.name] = cookie.value;
  return jar;
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.com`;
}

export async function signUpClient(app: ApiApp, name = 'Test User', email = uniqueEmail()): Promise<Client> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name, email, password: 'correct horse battery' },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const jar = cookiesOf(response);
  return {
    session: jar.sendops_session!,
    csrf: jar.sendops_csrf!,
    userId: response.json().user.id,
    email,
    name,
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Calls the API as this client, with the CSRF header on unsafe methods. */
export function call(
  app: ApiApp,
  client: Client | undefined,
  method: string,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (client && UNSAFE.has(method)) headers['x-csrf-token'] = client.csrf;
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    cookies: client ? { sendops_session: client.session, sendops_csrf: client.csrf } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** The slug of the workspace sign-up created for this client. */
export async function ownSlug(app: ApiApp, client: Client): Promise<string> {
  const response = await call(app, client, 'GET', '/api/orgs');
  const own = (response.json().items as { slug: string; role: string }[]).find((o) => o.role === 'owner');
  if (!own) throw new Error('client owns no organization');
  return own.slug;
}
