// Which command a command line runs, read before commander parses it: the bin
// chooses what to load (and how V8 should compile) from it. A wrong guess costs
// time, never behaviour, because every choice runs the same command definitions.

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
