import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicJob } from '../src/index.ts';

/** A run that stays in progress until the test finishes it. */
function controlledRun() {
  const finishers: Array<() => void> = [];
  const run = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        finishers.push(resolve);
      }),
  );
  const finishCurrent = async () => {
    finishers.shift()?.();
    // Lets the job's bookkeeping (its `finally`) settle before the next tick.
    await vi.advanceTimersByTimeAsync(0);
  };
  return { run, finishCurrent };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startPeriodicJob', () => {
  it('runs at once and then every interval when the first run is at start', async () => {
    const run = vi.fn(async () => {});
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'at-start', run, onError: vi.fn() });
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(run).toHaveBeenCalledTimes(4);
    await job.stop();
  });

  it('waits one interval for the first run when asked to', async () => {
    const run = vi.fn(async () => {});
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'after-one-interval', run, onError: vi.fn() });
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(999);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await job.stop();
  });

  it('skips the ticks that find a run still in progress', async () => {
    const { run, finishCurrent } = controlledRun();
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'at-start', run, onError: vi.fn() });
    await vi.advanceTimersByTimeAsync(3500);
    expect(run).toHaveBeenCalledTimes(1);

    await finishCurrent();
    // Skipped ticks are not made up for: the next run waits for the next tick.
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(2);

    const stopped = job.stop();
    await finishCurrent();
    await stopped;
  });

  it('reports a failed run and keeps running at the next ticks', async () => {
    const failure = new Error('store is down');
    const run = vi.fn(async () => {
      throw failure;
    });
    const onError = vi.fn();
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'after-one-interval', run, onError });
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledWith(failure);
    await job.stop();
  });

  it('reports a run that throws before returning a promise like one that rejects', async () => {
    const failure = new Error('thrown synchronously');
    const run = vi.fn((): Promise<void> => {
      throw failure;
    });
    const onError = vi.fn();
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'at-start', run, onError });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError).toHaveBeenCalledWith(failure);
    await job.stop();
  });

  it('stop waits for the run in progress, then no run starts again', async () => {
    const { run, finishCurrent } = controlledRun();
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'at-start', run, onError: vi.fn() });

    let stopped = false;
    const stopping = job.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).toBe(false);

    await finishCurrent();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('stop resolves at once when no run is in progress', async () => {
    const run = vi.fn(async () => {});
    const job = startPeriodicJob({ intervalMs: 1000, firstRun: 'after-one-interval', run, onError: vi.fn() });
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).not.toHaveBeenCalled();
  });

  it('does not keep the process alive', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const job = startPeriodicJob({
      intervalMs: 1000,
      firstRun: 'after-one-interval',
      run: async () => {},
      onError: vi.fn(),
    });
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setIntervalSpy.mockRestore();
    return job.stop();
  });
});
