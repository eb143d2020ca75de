import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parsePlainToml } from '../src/plain-toml.js';

/** smol-toml's parse, or 'error'. */
function smol(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return 'error';
  }
}

/** Deep equality that also tells prototypes, key order, -0 from 0 and arrays from tables apart. */
function expectIdentical(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected !== 'object' || expected === null) {
    expect(Object.is(actual, expected), `${path}: ${String(actual)} vs ${String(expected)}`).toBe(true);
    return;
  }
  expect(typeof actual, path).toBe('object');
  expect(Object.getPrototypeOf(actual), path).toBe(Object.getPrototypeOf(expected));
  expect(Array.isArray(actual), path).toBe(Array.isArray(expected));
  expect(Reflect.ownKeys(actual as object), path).toEqual(Reflect.ownKeys(expected));
  for (const key of Reflect.ownKeys(expected)) {
    expectIdentical((actual as Record<PropertyKey, unknown>)[key], (expected as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
  }
}

/** The fast read either leaves the text to smol-toml or gives exactly its result; it never accepts what smol-toml refuses. */
function expectAgrees(text: string): boolean {
  const fast = parsePlainToml(text);
  if (fast === undefined) return false;
  const expected = smol(text);
  expect(expected, text).not.toBe('error');
  expectIdentical(fast, expected);
  return true;
}

const bareKey = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const anyKey = fc.oneof(bareKey, fc.constantFrom('__proto__', 'constructor', 'toString', 'a.b', '"q"', 'a b', ''));
const space = fc.constantFrom('', ' ', '\t', '  ');
const comment = fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }).map((s) => `#${s}`));
const number = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true }).map(String),
  fc.constantFrom('0', '-0', '-0.0', '1e5', '1E-5', '1.5e+3', '00', '01', '1.', '.5', '+1', '1_000', 'inf', 'nan', '0x1f',
    '9007199254740993', '-9007199254740991', '1e400', '1979-05-27', '07:32:00', '1-2', '1.2.3'),
);
const string = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => `"${s}"`),
  fc.string({ maxLength: 6 }).map((s) => `'${s}'`),
  fc.constantFrom('""', "''", '"""a"""', "'''a'''", '"a\\nb"', '"\\u00e9"', '"a"b"', '"é"', '"\t"'),
);
const scalar = fc.oneof(number, string, fc.constantFrom('true', 'false', 'True', 'tru', 'falsey'));
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.tuple(fc.array(scalar, { maxLength: 4 }), space, fc.boolean()).map(([items, s, trailing]) => `[${s}${items.join(`${s},${s}`)}${trailing && items.length > 0 ? ',' : ''}${s}]`) },
  { weight: 1, arbitrary: fc.constantFrom('[[1], 2]', '{ a = 1 }', '[1,\n2]', '[', '1 2', '') },
);
const header = fc.tuple(fc.array(anyKey, { minLength: 1, maxLength: 3 }), fc.boolean(), space, comment)
  .map(([keys, array, s, c]) => `${s}${array ? '[[' : '['}${keys.join('.')}${array ? ']]' : ']'}${s}${c}`);
const keyValue = fc.tuple(space, anyKey, space, value, space, comment).map(([a, k, b, v, c, d]) => `${a}${k}${b}=${b}${v}${c}${d}`);
const line = fc.oneof({ weight: 2, arbitrary: header }, { weight: 5, arbitrary: keyValue }, { weight: 1, arbitrary: fc.oneof(space, comment) });
const document = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

/** Plainly written documents: bare keys, each table and key once (most of these the fast read takes). */
const plainScalar = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Number.isInteger(n) ? `${n}.0` : String(n))),
  fc.stringMatching(/^[^"\\\x00-\x1f\x7f]{0,6}$/).map((s) => `"${s}"`),
  fc.boolean().map(String),
);
const plainValue = fc.oneof(plainScalar, fc.array(plainScalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`));
const plainDocument = fc.array(
  fc.tuple(fc.array(bareKey, { minLength: 1, maxLength: 2 }), fc.uniqueArray(fc.tuple(bareKey, plainValue), { selector: ([k]) => k, maxLength: 5 })),
  { maxLength: 6 },
).map((tables) => tables.map(([keys, entries]) => [`[${keys.join('.')}]`, ...entries.map(([k, v]) => `${k} = ${v}`)].join('\n')).join('\n\n'));

describe('the plain TOML read', () => {
  it('gives smol-toml\'s result for the parity files, the shipped presets and the examples', () => {
    const dirs = ['../cli/test/scenarios/configs/', 'presets/', '../cli/examples/'];
    let read = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(new URL(`../${dir}`, import.meta.url)).filter((n) => n.endsWith('.toml'))) {
        const text = readFileSync(new URL(`../${dir}${name}`, import.meta.url), 'utf8');
        expect(expectAgrees(text), `${dir}${name} is read`).toBe(true);
        read += 1;
      }
    }
    expect(read).toBeGreaterThanOrEqual(6);
  });

  it('reads each kind of line and value as smol-toml does', () => {
    const cases = [
      '', '\n', '# only a comment', 'a = 1', 'a=1#c', 'a = -0', 'a = -0.0', 'a = 0.5e-3', 'a = 1E5', 'a = -7', 'a = 9007199254740991',
      'a = "x y # not a comment"', "a = 'C:\\path'", 'a = ""', "a = ''", 'a = "é \t x"', 'a = []', 'a = [ 1, "b", true, -2.5, ]', 'a = [1,2]',
      '[t]\na = true\nb = false', '[a.b]\n[a.c]\nx = 1', '[a]\nx = 1\n[a.b]\ny = 2', 'top = 1\r\n[t]\r\nk = "v"\r\n', '  [t]  # c\n\tk\t=\t1\t# c',
      'extends = "default"\nplugins = ["./p.js", \'q\']\n[planner]\nmax_depth = 3',
    ];
    for (const text of cases) expect(expectAgrees(text), text).toBe(true);
  });

  it('leaves anything else to smol-toml', () => {
    const cases = [
      'a = 1\na = 2', '[t]\n[t]', '[a.b]\n[a]', 'a = 1\n[a]', 'a.b = 1', '"a" = 1', '[ t ]', '[[t]]', 'a = """x"""', 'a = "a\\"b"',
      'a = 9007199254740993', 'a = 1_000', 'a = +1', 'a = inf', 'a = 0x10', 'a = 1979-05-27', 'a = { b = 1 }', 'a = [[1]]', 'a = [1,\n2]',
      '__proto__ = 1', '[__proto__]', '[a.__proto__]', '\ufeffa = 1', 'a = 1\rb = 2', 'a = "\u0001"', '# \u007f', 'a = 1 2', 'a =', '= 1',
    ];
    for (const text of cases) expect(parsePlainToml(text), JSON.stringify(text)).toBeUndefined();
  });

  it('never accepts what smol-toml refuses, and otherwise gives its result (generated documents)', () => {
    let accepted = 0;
    fc.assert(fc.property(document, (text) => { if (expectAgrees(text)) accepted += 1; }), { seed: 11, numRuns: 2000 });
    expect(accepted).toBeGreaterThan(100);
  });

  it('takes plainly written documents (generated), with smol-toml\'s result', () => {
    let accepted = 0;
    let total = 0;
    fc.assert(fc.property(plainDocument, (text) => {
      total += 1;
      if (expectAgrees(text)) accepted += 1;
    }), { seed: 12, numRuns: 500 });
    expect(accepted).toBeGreaterThan(total / 3);
  });

  it('never accepts what smol-toml refuses in a parity file with a few characters changed', () => {
    const text = readFileSync(new URL('../../cli/test/scenarios/configs/default.toml', import.meta.url), 'utf8');
    const piece = fc.constantFrom(' ', '\t', '\n', '\r', '#', '[', ']', '.', '=', '"', "'", ',', '-', '+', '0', '1', 'e', '_', 'a', '\\', '\u0000', '\u00e9', '');
    const edit = fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 2 }), piece);
    let accepted = 0;
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      let mutated = text;
      for (const [at, cut, insert] of edits) mutated = mutated.slice(0, at) + insert + mutated.slice(Math.min(at + cut, mutated.length));
      if (expectAgrees(mutated)) accepted += 1;
    }), { seed: 13, numRuns: 1500 });
    expect(accepted).toBeGreaterThan(300);
  });
});
