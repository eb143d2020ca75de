import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OPPORTUNITY_CATEGORIES } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { standardModules } from '../src/modules.js';
import { here } from './helpers.js';

// What the host knows about a module is declared on the module (DESIGN.md §2):
// no package outside the module packages names a standard module. The five
// opportunity categories that contracts defines share names with calculators
// and patterns; they are exempt.

const packages = here('../../');
const exempt = new Set<string>(OPPORTUNITY_CATEGORIES);
const standardNames = [
  ...new Set(standardModules().filter((m) => m.kind !== 'evaluator').map((m) => m.name)),
].filter((n) => !exempt.has(n));

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.[cm]?tsx?$/.test(name)) yield path;
  }
}

/** The source with its comments blanked (line numbers kept): a doc comment may mention a module. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

/** Every string literal (quotes, backticks) of a source that is exactly a standard module's name, as `file:line name`. */
function namesIn(dir: string): string[] {
  const found: string[] = [];
  for (const file of sources(dir)) {
    const lines = withoutComments(readFileSync(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/(['"`])([a-z0-9_]+)\1/g)) {
        if (standardNames.includes(m[2] as string)) found.push(`${file.slice(packages.length)}:${i + 1} ${m[2]}`);
      }
    });
  }
  return found;
}

describe('no package outside the module packages names a standard module', () => {
  it('knows the 27 standard modules: 25 names, 20 of them not a category name', () => {
    expect(standardModules().filter((m) => m.kind !== 'evaluator')).toHaveLength(27);
    expect(standardNames).toHaveLength(20);
  });

  it.each(['planner', 'evaluation', 'contracts', 'config'])('packages/%s/src holds no standard module name', (pkg) => {
    expect(namesIn(join(packages, pkg, 'src'))).toEqual([]);
  });

  it('the check finds a name that is planted', () => {
    expect(standardNames).toContain('deep_rebalance');
    expect("x === 'deep_rebalance'".match(/(['"`])([a-z0-9_]+)\1/)?.[2]).toBe('deep_rebalance');
  });
});
