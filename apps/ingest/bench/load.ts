// Drives one server with autocannon. Three patches on each autocannon 8 client (lib/httpClient.js):
// 1. Request bytes: every request is a pooled SES envelope with a fresh EventBridge id, and exactly one
//    `Connection:` header (autocannon's builder always adds `Connection: keep-alive`).
// 2. `Connection: close`: unpatched, autocannon writes the next request onto the socket the server is
//    closing, then reconnects and sends another; the orphan stays in its FIFO, so every later response
//    is timed against an older request (a no-op route reports p50 ~ 700 ms) and `sent` doubles.
//    Patched, after a `close` response the next request waits for the reconnect.
// 3. Smooth pacing (fixed-rate run): autocannon's overallRate lets each connection send its quota
//    back-to-back at the start of every second, one burst per second. Smooth pacing gives connection i
//    a schedule offset by i/rate seconds, so sends are evenly spaced; latency is also measured from the
//    scheduled send time (no coordinated omission). In close mode the connect waits for the schedule,
//    so the TCP handshake is part of the latency, as for EventBridge. This process shares the 2 cores
//    with the server, so it is sometimes late itself; that lag (the connection was free, the send still
//    left late) is measured per request and reported apart from the server's share.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load-types.ts';
import { round, Samples } from './stats.ts';
import { runWrk } from './wrk-load.ts';

export type { LoadResult, LoadSpec } from './load-types.ts';

const PATH = '/ingest/eventbridge';
let active: autocannon.Instance | undefined;

/** Ends the run in progress (Ctrl-C). */
export function abortLoad(): void {
  active?.stop();
}

interface ClientState {
  intended: number;
  /** How late the generator itself sent the current request (ms). */
  generatorLag: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.generator === 'wrk' && !spec.rate) return runWrk(spec, spec.onLoadGeneratorPid);
  const url = new URL(PATH, spec.baseUrl);
  const requests = requestTemplates(spec, url);
  const pacing = spec.rate ? (spec.pacing ?? 'smooth') : null;
  const smooth = pacing === 'smooth';
  const periodMs = smooth ? (spec.connections * 1000) / spec.rate! : 0;
  const startAt = performance.now() + 100;
  const states = new WeakMap<object, ClientState>();
  let cursor = 0;
  let clientIndex = 0;
  let lateSends = 0;
  let generatorLateSends = 0;

  const setupClient = (client: autocannon.Client) => {
    for (const method of ['_connect', '_doRequest', 'getRequestBuffer'] as const) {
      if (typeof client[method] !== 'function') throw new Error(`autocannon internals changed: no ${method}`);
    }
    const state: ClientState = { intended: performance.now(), generatorLag: 0 };
    states.set(client, state);
    const connect = client._connect.bind(client);
    const doRequest = client._doRequest.bind(client);
    let nextDue = startAt + (clientIndex++ * 1000) / (spec.rate ?? 1);
    let closing = false;
    let connecting = false;

    const paced = (send: () => void) => {
      const due = nextDue;
      nextDue += periodMs;
      // The connection is free from now on (previous response in, or reconnect requested).
      const freeAt = performance.now();
      const issue = () => {
        if (client.destroyed) return;
        const now = performance.now();
        if (now - due > 5) lateSends++;
        // Timers run on libuv's cached millisecond clock and may fire a little early.
        state.intended = Math.min(due, now);
        // Late although free in time: the generator's own lag, not the server's doing.
        state.generatorLag = Math.max(0, now - Math.max(due, freeAt));
        if (state.generatorLag > 5) generatorLateSends++;
        send();
      };
      const wait = due - performance.now();
      if (wait > 0) setTimeout(issue, wait);
      else issue();
    };

    client.getRequestBuffer = () => {
      const template = requests[cursor++ % requests.length]!;
      const bytes = Buffer.allocUnsafe(template.bytes.length);
      template.bytes.copy(bytes);
      bytes.write(randomUUID(), template.idOffset, 'latin1');
      return bytes;
    };
    client.on('headers', (head: autocannon.ResponseHead) => {
      if (!head.shouldKeepAlive) closing = true;
    });
    client._connect = () => {
      closing = false;
      if (!(smooth && spec.connection === 'close')) return connect();
      paced(() => {
        connecting = true;
        connect();
        connecting = false;
      });
    };
    client._doRequest = () => {
      // The server is closing this socket: _connect sends the next request on a new one.
      if (closing) return;
      if (smooth && spec.connection === 'keep-alive' && !connecting) return paced(doRequest);
      if (!smooth) state.intended = performance.now();
      doRequest();
    };
  };

  const service = new Samples();
  const scheduled = new Samples();
  const serverSide = new Samples();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const instance = autocannon({
    url: url.toString(),
    method: 'POST',
    connections: spec.connections,
    duration: spec.durationS,
    timeout: 10,
    ...(pacing === 'autocannon' ? { overallRate: spec.rate!, ignoreCoordinatedOmission: true } : {}),
    setupClient,
    ...(spec.expectAccepted ? { verifyBody: (body: string) => body.includes('"status":"accepted"') } : {}),
  });
  active = instance;
  instance.on('response', (client: autocannon.Client, _status: number, _bytes: number, ms: number) => {
    service.push(ms);
    if (smooth) {
      const state = states.get(client)!;
      const fromSchedule = performance.now() - state.intended;
      scheduled.push(fromSchedule);
      serverSide.push(fromSchedule - state.generatorLag);
    }
  });
  loopDelay.enable();
  let result: autocannon.Result;
  try {
    result = await instance;
  } finally {
    loopDelay.disable();
    active = undefined;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  // verifyBody also sees non-2xx responses (never `accepted`): those are mismatches too.
  const notAccepted = spec.expectAccepted ? Math.max(0, result.mismatches - result.non2xx) : 0;
  const good = result['2xx'] - notAccepted;
  return {
    label: spec.label,
    connection: spec.connection,
    connections: spec.connections,
    targetRate: spec.rate ?? null,
    pacing,
    durationS: result.duration,
    responses: service.count,
    good,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    notAccepted,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
    eventsPerSecond: round(good / result.duration, 0),
    latencyMs: service.summary(),
    scheduledLatencyMs: smooth ? scheduled.summary() : null,
    serverLatencyMs: smooth ? serverSide.summary() : null,
    lateSends: smooth ? lateSends : null,
    generatorLateSends: smooth ? generatorLateSends : null,
    loadGenerator: {
      cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 0),
      eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
    },
  };
}

interface RequestTemplate {
  bytes: Buffer;
  idOffset: number;
}

/** Whole HTTP requests (head + pooled body) with the offset of the EventBridge id inside them. */
function requestTemplates(spec: LoadSpec, url: URL): RequestTemplate[] {
  return spec.pool.bodies.map((body, i) => {
    const head = Buffer.from(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
        `x-api-key: ${spec.apiKey}\r\nConnection: ${spec.connection}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    return { bytes: Buffer.concat([head, body]), idOffset: head.length + spec.pool.idOffsets[i]! };
  });
}
