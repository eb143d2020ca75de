// What a command line asks for, read before commander parses it: the bin chooses
// what to load (and how V8 should compile) from it. A wrong guess costs time,
// never behaviour, because every choice runs the same command definitions.

/** The root options that take a value (`--plugin x`, `--plugin=x`), which may come before the command. */
const ROOT_OPTIONS_WITH_VALUE = ['--plugin'];

/**
 * The command `args` run (`plan`, `bench`, `config`, ...): the first argument
 * that is neither a root option nor its value; undefined when there is none or
 * an unknown option comes first (commander then reports it).
 */
export function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (ROOT_OPTIONS_WITH_VALUE.includes(arg)) {
      i++;
      continue;
    }
    if (ROOT_OPTIONS_WITH_VALUE.some((name) => arg.startsWith(`${name}=`))) continue;
    return arg.startsWith('-') ? undefined : arg;
  }
  return undefined;
}

/**
 * `--help`, `--version` or nothing: the command prints text and plans nothing.
 * It then loads only the command line's definitions (as ES modules), not the
 * whole code with its cache.
 */
export function onlyPrintsHelp(args: readonly string[]): boolean {
  return args.length === 0 || args[0] === 'help' || args.some((a) => a === '-h' || a === '--help' || a === '-V' || a === '--version');
}

/** The two builds of the command's code: `plan` holds only what a plain `planner plan` runs, `all` every command. */
export type MainBuild = 'plan' | 'all';

/**
 * The build a command line needs: `plan` for `planner plan` without --buckets
 * (stores, buckets) and --html (the report), `all` for everything else. Either
 * build parses `plan` the same; a wrong guess towards `all` costs time only.
 */
export function mainBuildFor(args: readonly string[]): MainBuild {
  const needsMore = args.some((a) => a === '--buckets' || a === '--html' || a.startsWith('--html='));
  return commandOf(args) === 'plan' && !needsMore ? 'plan' : 'all';
}
