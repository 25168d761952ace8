import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { IngestError } from './errors.ts';
import { type EventBridgeRouteDeps, registerEventBridgeRoute } from './routes/eventbridge-route.ts';
import { type ReadinessCheck, registerOpsRoutes } from './routes/ops-routes.ts';

export interface IngestAppDeps extends EventBridgeRouteDeps {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
  checks: ReadinessCheck[];
  beforeScrape?: () => void;
}

/** Builds the Fastify app without listening, so tests can `inject` and the launcher can listen. */
export function buildIngestApp(deps: IngestAppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    // Per-request access logs would cost more than the rest of the hot path; rejections are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
  });

  // The raw body is kept as bytes: it is stored verbatim (raw column, dead letters), and a malformed body
  // must reach our handler to be dead-lettered rather than die in Fastify's JSON parser. EventBridge
  // always sends application/json (registered by name: Fastify finds it without its catch-all lookup);
  // other types are accepted and judged by their content.
  app.removeAllContentTypeParsers();
  const keepBytes = (_request: unknown, body: Buffer, done: (error: null, body: Buffer) => void) =>
    done(null, body);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, keepBytes);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, keepBytes);

  app.setErrorHandler((error: FastifyError | IngestError, request, reply) => {
    const { status, code, message, retryAfter } = describeError(error);
    deps.metrics.rejected.inc({ reason: code });
    if (request.routeOptions.url === '/ingest/eventbridge') deps.metrics.events.inc({ outcome: 'rejected' });
    const log = request.organizationId
      ? request.log.child({ organizationId: request.organizationId })
      : request.log;
    if (status >= 500) log.error({ err: error }, 'ingest request failed');
    else log.warn({ code, status, reason: message }, 'ingest request refused');
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.code(status).send({ error: { code, message } });
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'no such endpoint' } }),
  );

  registerEventBridgeRoute(app, deps);
  registerOpsRoutes(app, deps);
  return app;
}

function describeError(error: FastifyError | IngestError) {
  if (error instanceof IngestError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
      retryAfter: error.retryAfter,
    };
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, code: 'body_too_large', message: error.message, retryAfter: undefined };
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    return {
      status,
      code: error.code?.toLowerCase() ?? 'bad_request',
      message: error.message,
      retryAfter: undefined,
    };
  }
  // Never leak internals in 5xx bodies; 503 so EventBridge retries rather than drops.
  return { status: 503, code: 'internal_error', message: 'internal error, retry later', retryAfter: 2 };
}
