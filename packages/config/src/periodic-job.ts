// Shared by the services' background jobs (api's sweeps, ingest's compaction). It lives here because
// @sendops/config is the I/O-free package every service already imports to run (their intervals are
// configured here too), unlike @sendops/db or @sendops/analytics, which would drag in a store.

export interface PeriodicJob {
  /** Stops the timer; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  intervalMs: number;
  /** `at-start` runs once right away, then every interval; `after-one-interval` waits for the first tick. */
  firstRun: 'at-start' | 'after-one-interval';
  run: () => Promise<void>;
  /** Called with whatever a run threw; the next tick runs again as usual. */
  onError: (error: unknown) => void;
}

/**
 * Runs a background job every `intervalMs`, never two runs at once: a tick that finds the previous
 * run still going is skipped rather than queued. The timer is unref'd so the job never keeps the
 * process alive on its own.
 */
export function startPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  const { intervalMs, firstRun, run, onError } = options;
  let running: Promise<void> | undefined;
  // An async wrapper, so a run that throws synchronously is reported like one that rejects.
  const runOnce = async () => {
    try {
      await run();
    } catch (error) {
      onError(error);
    }
  };
  const tick = () => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
  };
  if (firstRun === 'at-start') tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
