import * as z from 'zod/mini';

/**
 * The source of a parser derived from a zod/mini schema that only ever
 * accepts: run on a value JSON.parse made, it returns exactly the value zod's
 * parse would (new objects and arrays, keys in the schema's order, defaults
 * filled in), or `undefined` when the value is not plainly valid, and zod then
 * parses it and words the issues.
 *
 * It is generated at build time (scripts/generate-snapshot-parser.ts writes
 * src/snapshot-parser.generated.ts) from the schema's own definitions: kinds,
 * bounds, refinements (named in `refinements`), defaults. A schema using
 * anything not modelled here is refused with an error naming it, and a test
 * fails when the generated file and the schema drift apart. Straight-line
 * code: in a fresh process zod spent most of the snapshot step on payloads,
 * issue lists and checks per value, and a parser built from the schema at run
 * time spent its time building closures and in megamorphic lookups.
 *
 * The body's free names: `input`, the helpers of zod-parser-runtime.ts it
 * lists, and the refinements it lists.
 */
export interface ParserSource {
  readonly body: string;
  /** The names of zod-parser-runtime.ts the body uses. */
  readonly helpers: readonly string[];
  /** The refinements the body calls, by name. */
  readonly refinements: readonly string[];
}

/** A refusal: the schema uses something the generated parser does not model. */
export class UnmodelledSchemaError extends Error {
  override readonly name = 'UnmodelledSchemaError';
}

interface CheckDef {
  readonly check: string;
  readonly when?: unknown;
  readonly minimum?: number;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly fn?: unknown;
}

interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly coerce?: boolean;
  readonly [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as z.core.$ZodType)._zod.def as unknown as Def;
const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((c) => c._zod.def);

function noChecks(def: Def): void {
  if (checksOf(def).length > 0) throw new UnmodelledSchemaError(`checks on a ${def.type} schema`);
}

/** A number as source text that reads back as the same number (-0 included). */
function numberText(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new UnmodelledSchemaError(`the bound ${String(n)}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

/** `o.key` when the key is an identifier, else `o["key"]`. */
const member = (object: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${object}.${key}` : `${object}[${JSON.stringify(key)}]`);

class Emitter {
  private readonly lines: string[] = [];
  depth = 1;
  private count = 0;
  readonly refinements = new Set<string>();
  readonly objectKeys = new Set<string>();
  /** zod's condition of a length check (run on values with a length): true for every string. */
  private readonly lengthCondition = z.minLength(1)._zod.def.when;

  readonly helpers = new Set<string>();

  constructor(
    private readonly names: ReadonlyMap<unknown, string>,
    /** TypeScript (the generated file) or JavaScript (a test's `new Function`). */
    private readonly typed: boolean,
  ) {}

  /** A type annotation, in TypeScript only. */
  type(annotation: string): string {
    return this.typed ? `: ${annotation}` : '';
  }

  variable(prefix: string): string {
    return `${prefix}${this.count++}`;
  }

  line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  block(head: string, inner: () => void): void {
    this.line(`${head} {`);
    this.depth++;
    inner();
    this.depth--;
    this.line('}');
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** Statements that check `value` against `schema` and leave its parse in the returned variable. */
  parse(schema: unknown, value: string): string {
    const def = defOf(schema);
    if (def.coerce) throw new UnmodelledSchemaError(`a coercing ${def.type} schema`);
    switch (def.type) {
      case 'string':
        this.string(def, value);
        return value;
      case 'number':
        this.number(def, value);
        return value;
      case 'boolean':
        noChecks(def);
        this.line(`if (typeof ${value} !== 'boolean') return undefined;`);
        return value;
      case 'enum':
        noChecks(def);
        this.enumeration(schema, value);
        return value;
      case 'object':
        return this.object(def, value);
      case 'record':
        return this.record(def, value);
      case 'array':
        return this.array(def, value);
      default:
        throw new UnmodelledSchemaError(`a ${def.type} schema`);
    }
  }

  private string(def: Def, v: string): void {
    if (def.format !== undefined) throw new UnmodelledSchemaError(`the string format ${String(def.format)}`);
    this.line(`if (typeof ${v} !== 'string') return undefined;`);
    for (const check of checksOf(def)) {
      if (check.check === 'min_length' && typeof check.minimum === 'number' && check.when === this.lengthCondition) {
        // zod counts code points: a length of 1 is one whatever it holds
        const min = check.minimum;
        if (min !== 1) this.helpers.add('atLeastCodePoints');
        this.line(min === 1 ? `if (${v}.length === 0) return undefined;` : `if (!atLeastCodePoints(${v}, ${numberText(min)})) return undefined;`);
      } else if (check.check === 'custom' && check.when === undefined && this.names.has(check.fn)) {
        const name = this.names.get(check.fn) as string;
        this.refinements.add(name);
        // anything but true (a promise: an async refinement) is left to zod
        this.line(`if (${name}(${v}) !== true) return undefined;`);
      } else {
        throw new UnmodelledSchemaError(`the string check ${check.check}${check.check === 'custom' ? ' (a refinement not named in `refinements`, or with a condition)' : ''}`);
      }
    }
  }

  private number(def: Def, v: string): void {
    this.line(`if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return undefined;`);
    // z.int() is a number schema that is itself its format check
    const own = typeof def.check === 'string' ? [def as unknown as CheckDef] : [];
    for (const check of [...own, ...checksOf(def)]) {
      if (check.when !== undefined) throw new UnmodelledSchemaError('a number check with a condition');
      if (check.check === 'greater_than') this.line(`if (${v} ${check.inclusive ? '<' : '<='} ${numberText(check.value)}) return undefined;`);
      else if (check.check === 'less_than') this.line(`if (${v} ${check.inclusive ? '>' : '>='} ${numberText(check.value)}) return undefined;`);
      else if (check.check === 'number_format' && check.format === 'safeint') this.line(`if (!Number.isSafeInteger(${v})) return undefined;`);
      else throw new UnmodelledSchemaError(`the number check ${check.check}${check.format ? ` ${check.format}` : ''}`);
    }
  }

  private enumeration(schema: unknown, v: string): void {
    const values = [...((schema as z.core.$ZodType)._zod.values ?? [])];
    if (values.length === 0 || !values.every((x) => typeof x === 'string')) throw new UnmodelledSchemaError('an enum of other than strings');
    this.line(`if (${values.map((x) => `${v} !== ${JSON.stringify(x)}`).join(' && ')}) return undefined;`);
  }

  /** An object JSON.parse made: not null, not an array, with the realm's Object.prototype. */
  private plainObject(v: string): void {
    this.helpers.add('OBJECT_PROTOTYPE');
    this.line(`if (typeof ${v} !== 'object' || ${v} === null || Object.getPrototypeOf(${v}) !== OBJECT_PROTOTYPE) return undefined;`);
  }

  private object(def: Def, v: string): string {
    noChecks(def);
    if (def.catchall === undefined || defOf(def.catchall).type !== 'never') throw new UnmodelledSchemaError('an object schema that is not strict');
    const shape = def.shape as Record<string, unknown>;
    if (Object.getOwnPropertySymbols(shape).length > 0) throw new UnmodelledSchemaError('an object schema with symbol keys');
    this.plainObject(v);
    const out = this.variable('o');
    const present = this.variable('n');
    this.line(`const ${out}${this.type('Record<string, unknown>')} = {};`);
    this.line(`let ${present} = 0;`);
    for (const key of Object.keys(shape)) {
      // zod asks `key in input`; a key Object.prototype has would be present everywhere
      if (key in Object.prototype) throw new UnmodelledSchemaError(`the object key ${key}, which Object.prototype has`);
      this.objectKeys.add(key);
      let field = defOf(shape[key]);
      let absent = 'return undefined;';
      let inner = shape[key];
      if (field.type === 'optional') {
        noChecks(field);
        if ((field.innerType as z.core.$ZodType)._zod.optin === 'defaulted') throw new UnmodelledSchemaError('an optional default');
        inner = field.innerType;
        absent = '';
      } else if (field.type === 'default') {
        noChecks(field);
        inner = field.innerType;
        absent = `${member(out, key)} = ${defaultText(field.defaultValue)};`;
      }
      field = defOf(inner);
      const value = this.variable('v');
      // from JSON.parse (no undefined values, a clean prototype): present exactly when not undefined
      this.line(`const ${value} = ${member(v, key)};`);
      this.line(`if (${value} !== undefined) {`);
      this.depth++;
      const parsed = this.parse(inner, value);
      this.line(`${member(out, key)} = ${parsed};`);
      this.line(`${present}++;`);
      this.depth--;
      if (absent !== '') {
        this.line('} else {');
        this.line(`  ${absent}`);
      }
      this.line('}');
    }
    // strict: any other own key (`__proto__` included) is one zod reports
    this.line(`if (Object.keys(${v}).length !== ${present}) return undefined;`);
    return out;
  }

  private record(def: Def, v: string): string {
    noChecks(def);
    const keyDef = defOf(def.keyType);
    if (keyDef.type !== 'string' || keyDef.coerce || keyDef.format !== undefined || checksOf(keyDef).length > 0 || def.mode !== undefined) {
      throw new UnmodelledSchemaError('a record whose keys are not plain strings');
    }
    this.plainObject(v);
    this.line(`if (Object.getOwnPropertySymbols(${v}).length > 0) return undefined;`);
    const out = this.variable('r');
    const key = this.variable('k');
    const value = this.variable('v');
    this.line(`const ${out}${this.type('Record<string, unknown>')} = {};`);
    this.block(`for (const ${key} of Object.keys(${v}))`, () => {
      // zod skips it; the snapshot's own key checks report it
      this.line(`if (${key} === '__proto__') return undefined;`);
      this.line(`const ${value} = ${v}[${key}];`);
      const parsed = this.parse(def.valueType, value);
      this.line(`${out}[${key}] = ${parsed};`);
    });
    return out;
  }

  private array(def: Def, v: string): string {
    noChecks(def);
    if (defOf(def.element).type === 'optional' || defOf(def.element).type === 'default') throw new UnmodelledSchemaError('optional array elements');
    const out = this.variable('a');
    const index = this.variable('i');
    const value = this.variable('v');
    this.line(`if (!Array.isArray(${v})) return undefined;`);
    // zod's own allocation: an array of the input's length filled by index
    this.line(`const ${out}${this.type('unknown[]')} = new Array(${v}.length);`);
    this.block(`for (let ${index} = 0; ${index} < ${v}.length; ${index}++)`, () => {
      this.line(`const ${value} = ${v}[${index}];`);
      const parsed = this.parse(def.element, value);
      this.line(`${out}[${index}] = ${parsed};`);
    });
    return out;
  }
}

/** A default as source text that makes a fresh equal value each time, as zod's getter does. */
function defaultText(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return numberText(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value as object).length === 0) return '{}';
  throw new UnmodelledSchemaError('a default other than a primitive, [] or {}');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The body of the parser of `schema`. `refinements` names each refinement
 * function the schema uses, as the generated code will import it.
 * Throws UnmodelledSchemaError for a schema it cannot model.
 */
export function parserSource(schema: z.ZodMiniType, refinements: Readonly<Record<string, unknown>>, typed = true): ParserSource {
  const emitter = new Emitter(new Map(Object.entries(refinements).map(([name, fn]) => [fn, name])), typed);
  const result = emitter.parse(schema, 'input');
  const keys = [...emitter.objectKeys].map((k) => JSON.stringify(k));
  // zod asks `key in input` and lists keys with for-in: with a polluted Object.prototype the two would part
  const guard = keys.length === 0 ? [] : [
    '  for (const _ in OBJECT_PROTOTYPE) return undefined;',
    '  for (const key of [',
    ...chunks(keys, 8).map((row) => `    ${row.join(', ')},`),
    '  ]) if (key in OBJECT_PROTOTYPE) return undefined;',
  ];
  return {
    body: [...guard, emitter.text(), `  return ${result};`].join('\n'),
    helpers: [...emitter.helpers].sort(),
    refinements: [...emitter.refinements].sort(),
  };
}
