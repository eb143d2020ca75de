export type PlannerErrorCode =
  | 'PLANNER_CONFIG_INVALID'
  | 'PLANNER_SNAPSHOT_INVALID'
  | 'PLANNER_MODULE_FAILED'
  | 'PLANNER_STORE_FAILED';

export class PlannerError extends Error {
  readonly code: PlannerErrorCode;
  constructor(code: PlannerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    // Subclasses set their name as a literal too: a minifier renames classes (a browser bundle).
    this.name = new.target === PlannerError ? 'PlannerError' : new.target.name;
    this.code = code;
  }
}

/** One problem found in an input, located by a path. */
export interface InputIssue {
  /** Key path, e.g. `planner.max_depth` or `securities[3].price`. */
  readonly path: string;
  /** What was expected and what was found. */
  readonly message: string;
  /** 1-based line in the source file, when known. */
  readonly line?: number;
}

/** Issues written into an error's message; all of them stay in `issues`. */
const MAX_LISTED_ISSUES = 50;

function formatIssues(what: string, source: string | undefined, issues: readonly InputIssue[]): string {
  const where = source ? ` in ${source}` : '';
  // A file with thousands of mistakes gets a readable message, not megabytes of them.
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `  ${i.path || '(root)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`);
  if (issues.length > MAX_LISTED_ISSUES) lines.push(`  ... and ${issues.length - MAX_LISTED_ISSUES} more issue(s)`);
  return `invalid ${what}${where}: ${issues.length} issue(s)\n${lines.join('\n')}`;
}

export class ConfigError extends PlannerError {
  readonly issues: readonly InputIssue[];
  readonly source?: string;
  constructor(issues: readonly InputIssue[], source?: string, options?: ErrorOptions) {
    super('PLANNER_CONFIG_INVALID', formatIssues('configuration', source, issues), options);
    if (new.target === ConfigError) this.name = 'ConfigError';
    this.issues = issues;
    if (source !== undefined) this.source = source;
  }
  /** Path of the first issue. */
  get path(): string {
    return this.issues[0]?.path ?? '';
  }
}

export class SnapshotError extends PlannerError {
  readonly issues: readonly InputIssue[];
  readonly source?: string;
  constructor(issues: readonly InputIssue[], source?: string, options?: ErrorOptions) {
    super('PLANNER_SNAPSHOT_INVALID', formatIssues('snapshot', source, issues), options);
    if (new.target === SnapshotError) this.name = 'SnapshotError';
    this.issues = issues;
    if (source !== undefined) this.source = source;
  }
  get path(): string {
    return this.issues[0]?.path ?? '';
  }
}

export class ModuleError extends PlannerError {
  readonly module: string;
  readonly kind: string;
  constructor(kind: string, module: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('PLANNER_MODULE_FAILED', `${kind} '${module}' failed: ${detail}`, { cause });
    if (new.target === ModuleError) this.name = 'ModuleError';
    this.module = module;
    this.kind = kind;
  }
}

export class StoreError extends PlannerError {
  constructor(message: string, options?: ErrorOptions) {
    super('PLANNER_STORE_FAILED', message, options);
    if (new.target === StoreError) this.name = 'StoreError';
  }
}
