import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalyticsStore } from '@sendops/analytics';
import type { SendOpsConfig } from '@sendops/config';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildIngestApp } from './build-ingest-app.ts';
import { scheduleCompaction } from './compaction-schedule.ts';
import { createIngestMetrics, type IngestMetrics } from './metrics.ts';
import type { ControlPlane } from './pipeline/control-plane.ts';
import { DedupeWindow } from './pipeline/dedupe-window.ts';
import { EventPipeline } from './pipeline/event-pipeline.ts';
import { IdentityDirectory } from './pipeline/identity-directory.ts';
import { KeyAuthenticator } from './pipeline/key-authenticator.ts';
import { Spool } from './spool/spool.ts';
import { SpoolLoader } from './spool/spool-loader.ts';

export interface IngestServiceOptions {
  settings: SendOpsConfig['ingest'];
  /** Directory of this node's spool (one per ingest process). */
  spoolDir: string;
  controlPlane: ControlPlane;
  store: AnalyticsStore;
  logger: Logger;
  /** Shortest time between two spool group commits (default `DEFAULT_COMMIT_INTERVAL_MS`). */
  spoolCommitIntervalMs?: number;
}

export interface IngestService {
  app: FastifyInstance;
  metrics: IngestMetrics;
  spool: Spool;
  loader: SpoolLoader;
  /** Listens and returns the base URL. */
  listen(port: number, host: string): Promise<string>;
  /** Graceful stop: refuse new events (503), finish in-flight ones, flush the spool into ClickHouse. */
  stop(options?: { drainTimeoutMs?: number }): Promise<void>;
}

export async function createIngestService(options: IngestServiceOptions): Promise<IngestService> {
  const { settings, controlPlane, store, logger } = options;
  const metrics = createIngestMetrics();
  const nodeId = await loadNodeId(options.spoolDir);
  let loader: SpoolLoader | undefined;
  const spool = new Spool({
    dir: options.spoolDir,
    fsync: settings.fsync,
    maxBacklogBytes: settings.spoolMaxBytes,
    rotateRows: settings.batchMaxRows,
    rotateAgeMs: settings.batchMaxAgeMs,
    ...(options.spoolCommitIntervalMs === undefined
      ? {}
      : { commitIntervalMs: options.spoolCommitIntervalMs }),
    onSegmentClosed: (segment) => loader?.enqueue(segment),
    onWriteError: (error) => {
      metrics.storeErrors.inc({ store: 'spool' });
      logger.error({ err: error }, 'spool write failed');
    },
  });
  loader = new SpoolLoader({
    store,
    spool,
    metrics,
    log: logger,
    nodeId,
    batchMaxRows: settings.batchMaxRows,
  });
  const leftovers = await spool.open();
  if (leftovers.length > 0)
    logger.info({ segments: leftovers.length }, 'replaying spool segments left by the last run');
  for (const segment of leftovers) loader.enqueue(segment);

  const compaction = scheduleCompaction({
    store,
    intervalMs: settings.compactionIntervalMs,
    metrics,
    log: logger,
  });

  let shuttingDown = false;
  const app = buildIngestApp({
    logger,
    bodyLimitBytes: settings.bodyLimitBytes,
    metrics,
    authenticator: new KeyAuthenticator(controlPlane, settings.keyCacheTtlMs),
    pipeline: new EventPipeline({
      spool,
      identities: new IdentityDirectory(controlPlane, settings.identityCacheTtlMs),
      dedupe: new DedupeWindow(settings.dedupeWindow),
    }),
    isShuttingDown: () => shuttingDown,
    beforeScrape: () => metrics.bufferBytes.set(spool.backlogBytes),
    checks: [
      { name: 'postgres', check: () => controlPlane.ping() },
      {
        name: 'clickhouse',
        check: async () => {
          const ping = await store.client.ping();
          if (!ping.success) throw ping.error;
          if (!loader.healthy) throw new Error('writes are failing; events wait in the spool');
        },
      },
      {
        name: 'buffer',
        check: async () => {
          if (spool.backlogBytes > settings.spoolMaxBytes * 0.9) throw new Error('buffer nearly full');
        },
      },
    ],
  });

  return {
    app,
    metrics,
    spool,
    loader,
    async listen(port, host) {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    },
    async stop({ drainTimeoutMs = 10_000 } = {}) {
      shuttingDown = true;
      await compaction.stop();
      await app.close();
      await spool.close();
      const drained = await loader.drain(drainTimeoutMs);
      loader.stop();
      if (!drained)
        logger.warn('stopped before the spool was written to ClickHouse; it is replayed at next start');
    },
  };
}

/** A stable id per spool directory, part of every ClickHouse dedupe token this node writes. */
async function loadNodeId(spoolDir: string): Promise<string> {
  await mkdir(spoolDir, { recursive: true });
  const file = path.join(spoolDir, 'node-id');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const id = randomBytes(8).toString('hex');
    await writeFile(file, id);
    return id;
  }
}
