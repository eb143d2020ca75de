import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssue, zodIssues } from '../src/issues.js';

/** The messages config gives for a value a schema rejects (`prefix.key: expected ..., found ...`). */
function messages(schema: z.ZodType, value: unknown, options: Parameters<typeof zodIssues>[3] = {}): string[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the schema to reject the value');
  return zodIssues(result.error, value, 'p', options).map((i) => `${i.path}: ${i.message}`);
}

describe('zodIssues: what was expected', () => {
  it('exclusive bounds say greater/less than, inclusive ones at least/at most', () => {
    expect(messages(z.object({ a: z.number().positive(), b: z.number().lt(3), c: z.number().min(1) }), { a: 0, b: 3, c: 0 })).toEqual([
      'p.a: expected a value greater than 0, found 0',
      'p.b: expected a value less than 3, found 3',
      'p.c: expected a value at least 1, found 0',
    ]);
  });

  it('array lengths are counted in items; an array element is located by its index', () => {
    expect(messages(z.object({ c: z.array(z.number()).min(2), d: z.array(z.number()).max(1), e: z.array(z.number()) }), { c: [1], d: [1, 2], e: [1, 'x'] })).toEqual([
      'p.c: expected at least 2 items, found array [1]',
      'p.d: expected at most 1 items, found array [1,2]',
      'p.e.1: expected a number, found string "x"',
    ]);
  });

  it('a type without a word of its own is named as zod names it', () => {
    expect(messages(z.object({ a: z.bigint() }), { a: 1 })).toEqual(['p.a: expected bigint, found 1']);
  });

  it("any other check's own message stands after 'expected' (a plugin writes it as an expectation)", () => {
    const ordered = z.object({ lo: z.number(), hi: z.number() }).refine((r) => r.lo < r.hi, 'lo below hi');
    expect(messages(ordered, { lo: 2, hi: 1 })).toEqual(['p: expected lo below hi, found a table']);
  });
});

describe('zodIssues: what was found', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    [true, 'true'],
    [[1], 'array [1]'],
    [5, '5'],
    ['x'.repeat(3), 'string "xxx"'],
  ])('a table given %j is reported as %s', (value, found) => {
    expect(messages(z.object({ a: z.number() }), value)).toEqual([`p: expected a table, found ${found}`]);
  });

  it('a key below a value that is not a table was found as nothing', () => {
    expect(messages(z.object({ a: z.object({ b: z.object({ c: z.number() }) }) }), { a: { b: 5 } })).toEqual(['p.a.b: expected a table, found 5']);
    // the path runs through a scalar: nothing is there to quote
    expect(zodIssues(new z.ZodError([{ code: 'custom', path: ['a', 'b'], message: 'x', input: undefined }]), { a: 5 }, 'p')).toEqual([
      { path: 'p.a.b', message: 'expected x, found nothing' },
    ]);
  });
});

describe('zodIssues: unknown keys and names', () => {
  it('lists the known keys once per table, not once per unknown key', () => {
    expect(messages(z.strictObject({ a: z.number().optional() }), { x: 1, y: 2 }, { known: ['a'] })).toEqual([
      "p.x: unknown key 'x' (known keys: a)",
      "p.y: unknown key 'y' (known keys listed above)",
    ]);
    expect(messages(z.strictObject({}), { x: 1, y: 2 })).toEqual(["p.x: unknown key 'x'", "p.y: unknown key 'y'"]);
  });

  it('keys are shown and quoted as written (keyName), and a range hint follows only an above-range value', () => {
    const schema = z.object({ maxDepth: z.number().max(10), minDepth: z.number().min(1) });
    const options = { keyName: (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), hints: { max_depth: 'too deep', min_depth: 'never shown' } };
    // the schema reads camelCase, the file (raw) was written in snake_case
    const error = schema.safeParse({ maxDepth: 11, minDepth: 0 }).error!;
    expect(zodIssues(error, { max_depth: 11, min_depth: 0 }, 'p', options).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'p.max_depth: expected a value at most 10, found 11 (too deep)',
      'p.min_depth: expected a value at least 1, found 0',
    ]);
  });

  it('a root-level issue of an empty prefix has no path', () => {
    expect(zodIssues(z.number().safeParse('x').error!, 'x', '')).toEqual([{ path: '', message: 'expected a number, found string "x"' }]);
  });
});

describe('formatIssue', () => {
  it('names the key path and line, or (root) when the issue is about the whole file', () => {
    expect(formatIssue({ path: 'planner.max_depth', message: 'm', line: 3 })).toBe('planner.max_depth (line 3): m');
    expect(formatIssue({ path: '', message: 'malformed TOML: x' })).toBe('(root): malformed TOML: x');
  });
});
