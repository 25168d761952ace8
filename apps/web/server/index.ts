// Launcher-facing entry of the dashboard: runs Next.js programmatically behind a node:http server that
// also proxies `/api/*` to apps/api. The dashboard itself never touches a database.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import type { NextServerOptions, RequestHandler, UpgradeHandler } from 'next/dist/server/next.js';
import { createApiProxy } from './api-proxy.ts';
import { ensureProductionBuild } from './production-build.ts';

export interface StartWebOptions {
  port: number;
  host: string;
  /** Where apps/api answers, e.g. `http://127.0.0.1:4000`. */
  apiUrl: string;
  /** Next.js development mode (on-demand compilation, hot reload). Default: production. */
  dev?: boolean;
  log?: (message: string) => void;
}

export interface RunningWeb {
  url: string;
  stop(): Promise<void>;
}

interface NextApp {
  prepare(): Promise<void>;
  getRequestHandler(): RequestHandler;
  getUpgradeHandler(): UpgradeHandler;
  close(): Promise<void>;
}

// `next` is CommonJS (`module.exports = createServer`): Node's ESM import yields that function, while
// NodeNext type resolution (the launcher's tsconfig) sees the module namespace.
const createNextApp = next as unknown as (options: NextServerOptions) => NextApp;

export const webDir = path.resolve(import.meta.dirname, '..');

export async function startWeb(options: StartWebOptions): Promise<RunningWeb> {
  const log = options.log ?? ((message: string) => console.log(`[web] ${message}`));
  const dev = options.dev ?? false;
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  // next.config.ts reads it for `next dev`'s own rewrite; startWeb proxies /api/* itself below.
  process.env.SENDOPS_API_URL = apiUrl;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  if (!dev) await ensureProductionBuild(webDir, log);

  const server = http.createServer();
  const app = createNextApp({
    dev,
    dir: webDir,
    hostname: options.host,
    port: options.port,
    httpServer: server,
    quiet: !dev,
  });
  const handle = app.getRequestHandler();
  await app.prepare();

  const proxy = createApiProxy(apiUrl);
  server.on('request', (req, res) => {
    if (req.url === '/api' || req.url?.startsWith('/api/')) {
      proxy(req, res);
      return;
    }
    handle(req, res).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
  });
  if (dev) {
    const upgrade = app.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      void upgrade(req, socket, head);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`;

  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
