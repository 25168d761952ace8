// The part of autocannon 8's programmatic API the ingest benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    /** Response head as http-parser-js reports it (the client's `headers` event). */
    interface ResponseHead {
      statusCode: number;
      shouldKeepAlive: boolean;
    }

    /**
     * One connection. The underscored members are internals (lib/httpClient.js) the benchmark wraps;
     * load.ts checks they exist before patching them.
     */
    interface Client extends EventEmitter {
      destroyed: boolean;
      _connect(): void;
      _doRequest(): void;
      getRequestBuffer(): Buffer;
    }

    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      connections?: number;
      duration?: number;
      pipelining?: number;
      /** Seconds. */
      timeout?: number;
      overallRate?: number;
      ignoreCoordinatedOmission?: boolean;
      setupClient?: (client: Client) => void;
      verifyBody?: (body: string) => boolean;
    }

    interface Stats {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p97_5: number;
      p99: number;
    }

    interface Result {
      requests: Stats & { total: number; sent: number };
      latency: Stats;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '2xx': number;
      /** Seconds, as measured by autocannon. */
      duration: number;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
