import * as z from 'zod/mini';

/**
 * A parser derived from a zod/mini schema that only ever accepts: it returns
 * exactly the value zod's parse would (new objects and arrays, keys in the
 * schema's order, defaults filled in), or `undefined` when the value is not
 * plainly valid, and zod then parses it and words the issues. zod checking a
 * valid snapshot went through a payload, an issue list and a run of checks per
 * value, which was most of a fresh process's snapshot step (packages/cli
 * README, "Setup").
 *
 * It is built from the schema's own definitions (kinds, bounds, refinements,
 * defaults), so the two cannot drift; a schema using anything not modelled
 * here gets no fast parser at all (`fastParserOf` returns undefined).
 *
 * Only for values as JSON.parse makes them: plain objects and arrays, no
 * symbols, accessors, holes or `undefined` (zod's record and object checks
 * agree on those, which the parser relies on).
 */
export type FastParse = (value: unknown) => unknown;

/** Returned inside the parser when zod must decide. */
const DOUBT: unique symbol = Symbol('doubt');
type Parse = (value: unknown) => unknown;

/** How an object treats a key it does not find. */
type Absent = { readonly kind: 'required' } | { readonly kind: 'omitted' } | { readonly kind: 'default'; readonly value: () => unknown };

interface Field {
  readonly parse: Parse;
  readonly absent: Absent;
}

class Unmodelled extends Error {}

interface CheckDef {
  readonly check: string;
  readonly when?: unknown;
  readonly minimum?: number;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly fn?: (value: unknown) => unknown;
}

interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly coerce?: boolean;
  readonly [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as z.core.$ZodType)._zod.def as unknown as Def;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function noChecks(def: Def): void {
  if (def.checks !== undefined && def.checks.length > 0) throw new Unmodelled(`checks on ${def.type}`);
}

/**
 * A check as zod runs it on a value its type accepted: one with a condition
 * (`when`, e.g. a length check's "has a length") only when that holds.
 */
function honouringWhen<T>(check: CheckDef, test: (v: T) => boolean): (v: T) => boolean {
  const when = check.when;
  if (when === undefined) return test;
  if (typeof when !== 'function') throw new Unmodelled('a check condition that is not a function');
  return (v) => !when({ value: v, issues: [] }) || test(v);
}

/** A number check: bounds and zod's integer format; anything else is not modelled. */
function numberTest(check: CheckDef): (n: number) => boolean {
  return honouringWhen(check, numberBound(check));
}

function numberBound(check: CheckDef): (n: number) => boolean {
  const bound = check.value;
  switch (check.check) {
    case 'greater_than':
      if (typeof bound !== 'number') break;
      return check.inclusive ? (n) => n >= bound : (n) => n > bound;
    case 'less_than':
      if (typeof bound !== 'number') break;
      return check.inclusive ? (n) => n <= bound : (n) => n < bound;
    case 'number_format':
      if (check.format === 'safeint') return Number.isSafeInteger;
      break;
  }
  throw new Unmodelled(`number check ${check.check}`);
}

/** A string check: minimum length (in code points, as zod counts them) and synchronous refinements. */
function stringTest(check: CheckDef): (s: string) => boolean {
  return honouringWhen(check, stringCondition(check));
}

function stringCondition(check: CheckDef): (s: string) => boolean {
  const min = check.minimum;
  if (check.check === 'min_length' && typeof min === 'number') {
    // A string of n UTF-16 units holds between ceil(n/2) and n code points; in between zod counts them.
    return (s) => s.length >= min && (Math.ceil(s.length / 2) >= min || codePoints(s) >= min);
  }
  const fn = check.fn;
  if (check.check === 'custom' && typeof fn === 'function') {
    // a promise (an async refinement) is not `true`: zod decides
    return (s) => fn(s) === true;
  }
  throw new Unmodelled(`string check ${check.check}`);
}

/** Code points as zod counts them: a surrogate pair is one, a lone surrogate one. */
function codePoints(s: string): number {
  let count = 0;
  for (const _ of s) count++;
  return count;
}

function compileField(schema: unknown): Field {
  const def = defOf(schema);
  if (def.type === 'optional') {
    noChecks(def);
    if ((def.innerType as z.core.$ZodType)._zod.optin === 'defaulted') throw new Unmodelled('an optional default');
    return { parse: compile(def.innerType), absent: { kind: 'omitted' } };
  }
  if (def.type === 'default') {
    noChecks(def);
    // zod's getter: a fresh copy of the default each time
    return { parse: compile(def.innerType), absent: { kind: 'default', value: () => def.defaultValue } };
  }
  return { parse: compile(schema), absent: { kind: 'required' } };
}

function compileObject(def: Def): Parse {
  noChecks(def);
  const catchall = def.catchall === undefined ? undefined : defOf(def.catchall);
  if (catchall?.type !== 'never') throw new Unmodelled('an object that is not strict');
  const shape = def.shape as Record<string, unknown>;
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Unmodelled('symbol keys');
  const keys = Object.keys(shape);
  // zod tests presence with `in`; a key Object.prototype has would be present everywhere
  if (keys.some((k) => k in Object.prototype)) throw new Unmodelled('a key Object.prototype has');
  const fields = keys.map((k) => compileField(shape[k]));
  const known = new Set(keys);
  return (value) => {
    if (!isObject(value)) return DOUBT;
    for (const k in value) if (!known.has(k)) return DOUBT; // strict: zod reports unknown keys, `__proto__` included
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const field = fields[i] as Field;
      if (k in value) {
        const v = field.parse(value[k]);
        if (v === DOUBT) return DOUBT;
        out[k] = v;
      } else if (field.absent.kind === 'default') out[k] = field.absent.value();
      else if (field.absent.kind === 'required') return DOUBT;
    }
    return out;
  };
}

function compileRecord(def: Def): Parse {
  noChecks(def);
  const keyDef = defOf(def.keyType);
  if (keyDef.type !== 'string' || keyDef.coerce || keyDef.format !== undefined || checksOf(keyDef).length > 0 || def.mode !== undefined) {
    throw new Unmodelled('a record whose keys are not plain strings');
  }
  const parseValue = compile(def.valueType);
  return (value) => {
    if (!isObject(value)) return DOUBT;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      if (k === '__proto__') return DOUBT; // zod skips it; the snapshot's own key checks report it
      const v = parseValue(value[k]);
      if (v === DOUBT) return DOUBT;
      out[k] = v;
    }
    return out;
  };
}

function compileArray(def: Def): Parse {
  noChecks(def);
  const parseElement = compile(def.element);
  return (value) => {
    if (!Array.isArray(value)) return DOUBT;
    // zod's own allocation: an array of the input's length filled by index
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = parseElement(value[i]);
      if (v === DOUBT) return DOUBT;
      out[i] = v;
    }
    return out;
  };
}

/** Every test passes (a loop: no closure per value). */
function passes<T>(tests: readonly ((v: T) => boolean)[], v: T): boolean {
  for (let i = 0; i < tests.length; i++) if (!(tests[i] as (v: T) => boolean)(v)) return false;
  return true;
}

function compile(schema: unknown): Parse {
  const def = defOf(schema);
  if (def.coerce) throw new Unmodelled('coercion');
  switch (def.type) {
    case 'string': {
      if (def.format !== undefined) throw new Unmodelled(`string format ${String(def.format)}`);
      const tests = checksOf(def).map(stringTest);
      return (v) => (typeof v === 'string' && passes(tests, v) ? v : DOUBT);
    }
    case 'number': {
      // z.int() is a number schema that is itself its format check
      const own = def.check === undefined ? [] : [def as unknown as CheckDef];
      const tests = [...own, ...checksOf(def)].map(numberTest);
      return (v) => (typeof v === 'number' && Number.isFinite(v) && passes(tests, v) ? v : DOUBT);
    }
    case 'boolean':
      noChecks(def);
      return (v) => (typeof v === 'boolean' ? v : DOUBT);
    case 'enum': {
      noChecks(def);
      const values = (schema as z.core.$ZodType)._zod.values as ReadonlySet<unknown>;
      return (v) => (values.has(v) ? v : DOUBT);
    }
    case 'object':
      return compileObject(def);
    case 'record':
      return compileRecord(def);
    case 'array':
      return compileArray(def);
    default:
      throw new Unmodelled(`schema type ${def.type}`);
  }
}

/**
 * The fast parser of `schema`, or undefined when the schema uses something not
 * modelled here (then zod parses every value, as before).
 */
export function fastParserOf(schema: z.ZodMiniType): FastParse | undefined {
  let parse: Parse;
  try {
    parse = compile(schema);
  } catch (err) {
    if (err instanceof Unmodelled) return undefined;
    throw err;
  }
  return (value) => {
    const out = parse(value);
    return out === DOUBT ? undefined : out;
  };
}
