import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MainBuild } from '../src/command-line.js';
import type { Io } from '../src/io.js';

// What `planner plan` sets for itself, caught instead of applied to this test process.
const setFlagsFromString = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString }));

const { launch } = await import('../src/launch.js');

/** Loaders that record what the launcher asked for and run a command that writes to both streams. */
function recordingLoaders(exitCode = 0) {
  const asked: string[] = [];
  const runs: (readonly string[])[] = [];
  const ios: Io[] = [];
  const runner = {
    run: async (argv: readonly string[], io: Io) => {
      runs.push(argv);
      ios.push(io);
      io.out('');
      io.err('');
      return exitCode;
    },
  };
  return {
    asked,
    runs,
    ios,
    loaders: {
      help: async () => {
        asked.push('help');
        return runner;
      },
      main: async (build: MainBuild) => {
        asked.push(build);
        return runner;
      },
    },
  };
}

/** The 'error' listeners launch adds to process.stdout, removed again after each test. */
const stdoutErrorListeners = (): ((error: NodeJS.ErrnoException) => void)[] =>
  process.stdout.listeners('error') as ((error: NodeJS.ErrnoException) => void)[];
let before = stdoutErrorListeners();

afterEach(() => {
  for (const listener of stdoutErrorListeners()) if (!before.includes(listener)) process.stdout.off('error', listener);
  process.exitCode = undefined;
  setFlagsFromString.mockClear();
  vi.restoreAllMocks();
});

describe('launch: what the bins load for a command line', () => {
  it('help and version load only the definitions, tune nothing and set the exit code', async () => {
    for (const args of [['--help'], ['--version'], [], ['help', 'plan']]) {
      const { asked, runs, loaders } = recordingLoaders();
      await launch(args, loaders);
      expect(asked).toEqual(['help']);
      expect(runs).toEqual([args]);
      expect(process.exitCode).toBe(0);
    }
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  it('a plain plan loads the plan-only build; --buckets and --html load everything; every plan tunes V8 for one plan, after loading', async () => {
    const plan = recordingLoaders(2);
    await launch(['--plugin', 'x.js', 'plan', 'snapshot.json'], plan.loaders);
    expect(plan.asked).toEqual(['plan']);
    expect(setFlagsFromString.mock.calls.map(([flag]) => flag)).toEqual(['--interrupt-budget=1000000', '--no-sparkplug', '--no-turbofan']);
    expect(process.exitCode).toBe(2);
    // The plan receives the listener that turns TurboFan back on.
    expect(plan.ios[0]?.onPlanEvent).toBeTypeOf('function');

    for (const args of [['plan', 's.json', '--buckets', '--db', 'x.sqlite'], ['plan', 's.json', '--html=r.html']]) {
      setFlagsFromString.mockClear();
      const other = recordingLoaders();
      await launch(args, other.loaders);
      expect(other.asked).toEqual(['all']);
      // --buckets plans once per bucket, without the listener: TurboFan stays on there.
      const buckets = args.includes('--buckets');
      expect(setFlagsFromString.mock.calls.map(([flag]) => flag)).toEqual(['--interrupt-budget=1000000', '--no-sparkplug', ...(buckets ? [] : ['--no-turbofan'])]);
      expect(other.ios[0]?.onPlanEvent === undefined).toBe(buckets);
    }
  });

  it('other commands load everything and keep V8\'s defaults', async () => {
    for (const args of [['bucket', 'list', '--db', 'x.sqlite'], ['bench'], ['--plugin=x.js', 'worker', '--pg', 'postgres://x']]) {
      const other = recordingLoaders();
      await launch(args, other.loaders);
      expect(other.asked).toEqual(['all']);
      expect(other.ios[0]?.onPlanEvent).toBeUndefined();
    }
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  it('a closed output pipe ends the process quietly (exit 0); any other output error is one line on stderr and exit 1 (it was a stack trace: `> /dev/full`)', async () => {
    before = stdoutErrorListeners();
    await launch(['config', 'show'], recordingLoaders().loaders);
    const added = stdoutErrorListeners().filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    // process.exit does not return: the stand-in throws where the process would end.
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process ended');
    });
    const onError = added[0] as (error: NodeJS.ErrnoException) => void;
    expect(() => onError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toThrow('process ended');
    expect(exit).toHaveBeenCalledWith(0);
    exit.mockClear();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(() => onError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))).toThrow('process ended');
    expect(exit).toHaveBeenCalledWith(1);
    expect(stderr.mock.calls.map(([text]) => String(text))).toEqual(['error: cannot write the output: ENOSPC: no space left on device, write\n']);
    stderr.mockRestore();
  });
});
