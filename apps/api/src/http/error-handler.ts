import { type DomainErrorCode, isDomainError } from '@sendops/db';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiHttpError } from './api-http-error.ts';

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  mfa_required: 403,
  plan_limit: 403,
  not_found: 404,
  conflict: 409,
  expired: 410,
};

const CLIENT_CODES: Record<number, string> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'invalid',
  409: 'conflict',
  413: 'too_large',
  415: 'invalid',
  429: 'rate_limited',
};

interface Described {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

function describe(error: unknown): Described {
  if (isDomainError(error))
    return { status: DOMAIN_STATUS[error.code], code: error.code, message: error.message };
  if (error instanceof ApiHttpError) {
    return { status: error.statusCode, code: error.code, message: error.message, headers: error.headers };
  }
  const fastifyError = error as FastifyError;
  // Schema validation: Fastify's message names the field ("body/email must match format \"email\"").
  if (fastifyError.validation) return { status: 400, code: 'invalid', message: fastifyError.message };
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, code: CLIENT_CODES[status] ?? 'invalid', message: fastifyError.message };
  }
  return { status: 500, code: 'internal_error', message: 'internal error' };
}

/** One place maps errors to `{ error: { code, message } }`; 5xx answers never carry details. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const described = describe(error);
    if (described.status >= 500) request.log.error({ err: error }, 'request failed');
    for (const [name, value] of Object.entries(described.headers ?? {})) void reply.header(name, value);
    return reply.code(described.status).send({ error: { code: described.code, message: described.message } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'no such endpoint' } }),
  );
}
