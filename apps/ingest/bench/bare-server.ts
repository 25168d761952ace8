// Benchmark baseline child: a bare Fastify server with one route that parses the same JSON body (Fastify's
// own JSON parser) and answers 204. Prints `READY <json>`; exits when stdin closes.
import Fastify from 'fastify';

const app = Fastify({ bodyLimit: 1_572_864 });
app.post('/ingest/eventbridge', async (request, reply) => {
  if (typeof request.body !== 'object' || request.body === null) return reply.code(400).send();
  return reply.code(204).send();
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.stdin.on('end', () => {
  void app.close().then(() => process.exit(0));
});
process.stdin.resume();
process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
