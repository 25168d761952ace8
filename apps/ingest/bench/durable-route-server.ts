// Benchmark reference child: the bare route plus durability and nothing else. It parses the body like the
// bare route, appends its bytes to the ingest's own spool (group commit, O_DSYNC, production commit
// interval) and answers 204 once they are on disk; closed segments are deleted, never loaded. Every design
// that acknowledges only durable events pays this much; the gap between this route and the ingest is the
// pipeline (key, schema, dedupe, rows) and the ClickHouse load, the gap to the bare route is the disk.
// Prints `READY <json>`; exits when stdin closes.
import { loadConfig } from '@sendops/config';
import Fastify from 'fastify';
import { type ClosedSegment, Spool } from '../src/spool/spool.ts';

const dir = process.env.BENCH_SPOOL_DIR;
if (!dir) throw new Error('BENCH_SPOOL_DIR is required');
const { ingest: settings } = loadConfig({}); // the production spool settings, as the ingest child uses
const spool: Spool = new Spool({
  dir,
  fsync: true,
  maxBacklogBytes: settings.spoolMaxBytes,
  rotateRows: settings.batchMaxRows,
  rotateAgeMs: settings.batchMaxAgeMs,
  onSegmentClosed: (segment: ClosedSegment) => {
    segment.written?.release();
    void spool.release(segment);
  },
});
await spool.open();

const app = Fastify({ bodyLimit: settings.bodyLimitBytes });
// Bytes, as the ingest keeps them: they are what goes to disk.
app.removeAllContentTypeParsers();
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
  done(null, body),
);
app.post('/ingest/eventbridge', async (request, reply) => {
  const body = request.body as Buffer;
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) return reply.code(400).send();
  await spool.appendEncoded({ t: 'events', rows: 1, pieces: [body] });
  return reply.code(204).send();
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

process.stdin.on('end', () => {
  void app
    .close()
    .then(() => spool.close())
    .then(() => process.exit(0));
});
process.stdin.resume();
process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
