import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { shuttingDown } from '../errors.ts';
import type { IngestMetrics } from '../metrics.ts';
import type { EventPipeline } from '../pipeline/event-pipeline.ts';
import type { KeyAuthenticator } from '../pipeline/key-authenticator.ts';

export interface EventBridgeRouteDeps {
  pipeline: EventPipeline;
  authenticator: KeyAuthenticator;
  metrics: IngestMetrics;
  isShuttingDown: () => boolean;
}

const responseSchema = {
  200: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['accepted', 'duplicate', 'dropped'] },
      eventId: { type: 'string' },
      rows: { type: 'integer' },
      reason: { type: 'string' },
    },
    required: ['status', 'eventId'],
  },
} as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the API key is verified; the error handler logs it. */
    organizationId: string;
  }
}

/** The EventBridge API destination target: one event per request, acknowledged once durable. */
export function registerEventBridgeRoute(app: FastifyInstance, deps: EventBridgeRouteDeps): void {
  app.decorateRequest('organizationId', '');
  const { hot } = deps.metrics;
  app.post(
    '/ingest/eventbridge',
    // No header schema: Node gives every header but set-cookie as a string (or undefined) already.
    { schema: { response: responseSchema } },
    async (request, reply) => {
      const started = performance.now();
      hot.received++;
      if (deps.isShuttingDown()) throw shuttingDown();
      const key = request.headers['x-api-key'] as string | undefined;
      const auth = deps.authenticator.cached(key) ?? (await deps.authenticator.authenticate(key));
      // Not a child logger per request: only refusals log, and the error handler adds the id then.
      request.organizationId = auth.organizationId;
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? body : undefined;
      const raw = bytes ? bytes.toString('utf8') : typeof body === 'string' ? body : '';
      // Valid UTF-8 bytes are exactly the text's encoding, so the stored rows can copy them.
      const result = await deps.pipeline.ingest(auth, raw, bytes && isUtf8(bytes) ? bytes : undefined);
      hot[result.outcome]++;
      deps.metrics.ackSeconds.observe((performance.now() - started) / 1000);
      if (result.outcome === 'accepted') {
        hot.rowsAccepted += result.rows;
        return reply.send({ status: 'accepted', eventId: result.eventId, rows: result.rows });
      }
      if (result.outcome === 'duplicate') return reply.send({ status: 'duplicate', eventId: result.eventId });
      return reply.send({ status: 'dropped', eventId: result.eventId, reason: 'unmanaged_identity' });
    },
  );
}
