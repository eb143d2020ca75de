import type * as z from 'zod/mini';
import type { InputIssue } from '@planner/contracts';

/** A value as a user wrote it, for "found ..." in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `array ${JSON.stringify(value)}`;
  if (value !== null && typeof value === 'object') return 'a table';
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function bound(word: 'least' | 'most', limit: unknown, inclusive: boolean | undefined): string {
  if (inclusive === false) return word === 'least' ? `greater than ${String(limit)}` : `less than ${String(limit)}`;
  return `at ${word} ${String(limit)}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a table',
  array: 'an array',
};

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? issue.expected;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${String(issue.minimum)} items` : `a value ${bound('least', issue.minimum, issue.inclusive)}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${String(issue.maximum)} items` : `a value ${bound('most', issue.maximum, issue.inclusive)}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * Turns zod issues into located issues: `prefix.key: expected ..., found ...`.
 * `raw` is the value that was parsed (to quote what was found).
 */
export function zodIssues(
  error: z.core.$ZodError,
  raw: unknown,
  prefix: string,
  options: { hints?: Readonly<Record<string, string>>; keyName?: (key: string) => string; known?: readonly string[] } = {},
): InputIssue[] {
  const out: InputIssue[] = [];
  const name = options.keyName ?? ((k: string) => k);
  const known = options.known ? ` (known keys: ${options.known.join(', ')})` : '';
  for (const issue of error.issues) {
    const segments = issue.path.map((p, i) => (i === 0 && typeof p === 'string' ? name(p) : String(p)));
    if (issue.code === 'unrecognized_keys') {
      // the known keys once per table, not once per unknown key
      issue.keys.forEach((key, i) => {
        const listed = i === 0 ? known : known && ' (known keys listed above)';
        out.push({ path: join(prefix, [...segments, name(key)]), message: `unknown key '${name(key)}'${listed}` });
      });
      continue;
    }
    const found = describeValue(valueAt(raw, issue.path.map((p, i) => (i === 0 && typeof p === 'string' ? name(p) : p))));
    const hint = options.hints?.[segments[0] ?? ''];
    const rangeIssue = issue.code === 'too_big';
    out.push({
      path: join(prefix, segments),
      message: `expected ${expected(issue)}, found ${found}${hint && rangeIssue ? ` (${hint})` : ''}`,
    });
  }
  return out;
}

export function join(prefix: string, segments: readonly string[]): string {
  return [prefix, ...segments].filter((s) => s !== '').join('.');
}

export function formatIssue(issue: InputIssue): string {
  return `${issue.path || '(root)'}${issue.line ? ` (line ${issue.line})` : ''}: ${issue.message}`;
}
