import { parseArgs } from 'node:util';

/** The setup steps `--callgrind-setup-step` can single out (tooling/setup-instructions.sh). */
export const SETUP_STEPS = ['snapshot', 'config', 'create-planner'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** Where `--stop-after` ends the probe (tooling/first-plan-instructions.sh stops after the first plan). */
export const STOP_POINTS = ['setup', 'first-plan'] as const;
export type StopPoint = (typeof STOP_POINTS)[number];

/** The cold probe's command line (src/cold-probe.ts), checked. */
export interface ColdProbeOptions {
  /** The snapshot file, `-` for stdin. */
  readonly snapshot: string;
  /** The case's configuration and seed, as `planner plan` takes them (chooseConfig, parseSeed check them). */
  readonly preset?: string;
  readonly config?: string;
  readonly seed?: string;
  /** V8 flags set after loading, in this order. */
  readonly v8Flags: readonly string[];
  readonly timings: boolean;
  readonly stopAfter?: StopPoint;
  readonly callgrindWrapper: boolean;
  /** How long TurboFan stays off (ms); undefined: as `planner plan`. */
  readonly turbofanAfterMs?: number;
  readonly setupStep?: SetupStep;
  /** The whole command line: the plugins of `--plugin` and of the configuration file are read from it, as `planner plan` does. */
  readonly argv: readonly string[];
}

/** One of `allowed`, or an error naming the option, the value and what it expects. */
function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  const expected = allowed.map((a) => `'${a}'`);
  throw new Error(`${option}: expected ${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}, got '${value}'`);
}

/** Reads the probe's command line; a bad value is an error naming the option, the value and what was expected. */
export function parseColdProbeOptions(argv: readonly string[]): ColdProbeOptions {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      preset: { type: 'string' }, config: { type: 'string' }, seed: { type: 'string' }, plugin: { type: 'string', multiple: true },
      'v8-flag': { type: 'string', multiple: true }, timings: { type: 'boolean' },
      'stop-after': { type: 'string' }, 'callgrind-wrapper': { type: 'boolean' }, 'turbofan-after': { type: 'string' },
      'callgrind-setup-step': { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new Error(`expected one snapshot file, got ${positionals.length}: ${positionals.join(' ')}`);
  const turbofanAfter = values['turbofan-after'];
  // Number('') is 0: an empty value is a mistake, not "at once".
  if (turbofanAfter !== undefined && (turbofanAfter.trim() === '' || !(Number(turbofanAfter) >= 0))) {
    throw new Error(`--turbofan-after: expected a number of ms >= 0, got '${turbofanAfter}'`);
  }
  const stopAfter = oneOf('--stop-after', values['stop-after'], STOP_POINTS);
  const setupStep = oneOf('--callgrind-setup-step', values['callgrind-setup-step'], SETUP_STEPS);
  return {
    snapshot: positionals[0] ?? '-',
    ...(values.preset === undefined ? {} : { preset: values.preset }),
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    v8Flags: values['v8-flag'] ?? [],
    timings: values.timings === true,
    ...(stopAfter === undefined ? {} : { stopAfter }),
    callgrindWrapper: values['callgrind-wrapper'] === true,
    ...(turbofanAfter === undefined ? {} : { turbofanAfterMs: Number(turbofanAfter) }),
    ...(setupStep === undefined ? {} : { setupStep }),
    argv: [...argv],
  };
}
