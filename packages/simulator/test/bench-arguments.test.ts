import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchCounts } from '../src/bench-arguments.ts';

const USAGE = 'Usage: bench -- [events] [runs]';
const defaults = { events: 10_000_000, runs: 5 };

/** process.exit stopped where it is called, so the test sees the code instead of ending. */
function exitCode(run: () => unknown): number | undefined {
  const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    run();
    return undefined;
  } catch {
    return exit.mock.lastCall?.[0] as number;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('benchCounts', () => {
  it('takes the defaults, then positional counts in order (underscores allowed)', () => {
    expect(benchCounts([], USAGE, defaults)).toEqual(defaults);
    expect(benchCounts(['1_000_000'], USAGE, defaults)).toEqual({ events: 1_000_000, runs: 5 });
    expect(benchCounts(['200', '3'], USAGE, defaults)).toEqual({ events: 200, runs: 3 });
  });

  it('prints the usage and exits 0 for --help, exits 2 for what is not a positive integer', () => {
    expect(exitCode(() => benchCounts(['--help'], USAGE, defaults))).toBe(0);
    for (const bad of [['10x'], ['0'], ['-5'], ['1.5'], ['1', '2', '3']]) {
      expect(
        exitCode(() => benchCounts(bad, USAGE, defaults)),
        bad.join(' '),
      ).toBe(2);
    }
  });
});
