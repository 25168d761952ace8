import net from 'node:net';
import { EmbeddedPostgresError } from './embedded-postgres-error.ts';

function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function findFreePort(): Promise<number> {
  return listenOnce(0, '127.0.0.1');
}

export function portInUseError(port: number, cause?: unknown): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    'port_in_use',
    `port ${port} on 127.0.0.1 is already in use by another process, so the embedded PostgreSQL cannot listen on it; ` +
      'stop that process, choose another port (SENDOPS_EMBEDDED_PG_PORT) or point DATABASE_URL at an existing server',
    { cause },
  );
}

/** Fails early with a clear message instead of PostgreSQL's "could not create any TCP/IP sockets". */
export async function assertPortFree(port: number): Promise<void> {
  try {
    await listenOnce(port, '127.0.0.1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUseError(port, error);
    throw error;
  }
}
