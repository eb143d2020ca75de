#!/usr/bin/env node
// Fails when a test fixture builder is defined in more than one package: a
// top-level function or value of a test file (not one test's own inline data)
// that spells out a whole Security, position, candidate, context, settings
// block or no-draw random source. Those builders live in @planner/testkit;
// tests import them from there. Usage: node tooling/check-test-fixtures.mjs [repo-root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');

/** A literal that names all these keys builds that type. */
export const SHAPES = {
  Security: ['symbol', 'name', 'productType', 'currency', 'price', 'country', 'industry', 'allowBuy', 'allowSell', 'minLot', 'priorityMultiplier'],
  PositionView: ['symbol', 'quantity', 'avgPrice', 'currency', 'markPrice', 'marketValueEur'],
  ActionCandidate: ['side', 'symbol', 'name', 'quantity', 'price', 'valueEur', 'currency', 'priority', 'reason', 'tags'],
  PortfolioContext: ['countryWeights', 'industryWeights', 'positions', 'totalValue', 'securityCountries', 'securityIndustries', 'securityScores', 'securityDividends', 'countryToGroup', 'industryToGroup'],
  EvaluationContext: ['asOf', 'asOfMs', 'baseCurrency', 'portfolio', 'positions', 'securities', 'securitiesBySymbol', 'symbolIndex', 'availableCashEur', 'fxRate'],
  OpportunityContext: ['buyPrices', 'historicalCagr', 'countryAllocations', 'targetWeights', 'weightBasedMode', 'ineligibleSymbols', 'recentlySold', 'recentlyBought', 'baseTradeAmountEur'],
  PlannerSettings: ['enableBatchGeneration', 'maxDepth', 'maxOpportunitiesPerCategory', 'priorityThreshold', 'beamWidth', 'costPenaltyFactor', 'monteCarloPathCount'],
  RandomSource: ['random', 'randint', 'choices', 'gauss'],
};

/** The package that may define them. */
export const KIT = 'testkit';

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.[cm]?[jt]sx?$/.test(name)) yield path;
  }
}

/** Shapes built by object literals inside `node`, not descending into calls of other functions' callbacks. */
function shapesIn(node) {
  const found = new Set();
  const visit = (n) => {
    if (ts.isObjectLiteralExpression(n)) {
      const keys = new Set();
      for (const p of n.properties) {
        if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) keys.add(p.name.text);
      }
      for (const [shape, required] of Object.entries(SHAPES)) if (required.every((k) => keys.has(k))) found.add(shape);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Top-level declarations of a file: functions, and consts that are not test calls. */
function topLevelBuilders(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      for (const shape of shapesIn(statement)) out.push({ name: statement.name.text, shape });
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (d.initializer && ts.isIdentifier(d.name)) for (const shape of shapesIn(d.initializer)) out.push({ name: d.name.text, shape });
      }
    }
  }
  return out;
}

/** shape -> package -> ["file: name", …] over the test code of every package. */
export function fixtureBuilders(root) {
  const byShape = new Map();
  const packagesDir = join(root, 'packages');
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgRoot = join(packagesDir, dir);
    if (!existsSync(join(pkgRoot, 'package.json'))) continue;
    const parts = dir === KIT ? ['src'] : ['test', 'bench'];
    for (const part of parts) {
      for (const file of walk(join(pkgRoot, part))) {
        for (const { name, shape } of topLevelBuilders(file)) {
          if (!byShape.has(shape)) byShape.set(shape, new Map());
          const packages = byShape.get(shape);
          if (!packages.has(dir)) packages.set(dir, []);
          packages.get(dir).push(`${relative(root, file).split('\\').join('/')}: ${name}`);
        }
      }
    }
  }
  return byShape;
}

/** Every shape built in a package other than the kit, as readable lines. */
export function findDuplicateBuilders(root) {
  const problems = [];
  for (const [shape, packages] of fixtureBuilders(root)) {
    const outside = [...packages].filter(([dir]) => dir !== KIT);
    if (outside.length === 0 || (outside.length === 1 && !packages.has(KIT))) continue;
    for (const [, where] of outside) for (const w of where) problems.push(`${w} builds a ${shape} (use @planner/${KIT})`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(fileURLToPath(import.meta.url), '../..'));
  if (process.argv.includes('--list')) {
    for (const [shape, packages] of fixtureBuilders(root)) {
      process.stdout.write(`${shape}: ${[...packages].map(([dir, where]) => `${dir} (${where.length})`).join(', ')}\n`);
    }
  }
  const problems = findDuplicateBuilders(root);
  if (problems.length > 0) {
    process.stderr.write(`test fixture check failed: ${problems.length} builder(s) outside @planner/${KIT} duplicate one\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('test fixtures ok\n');
}
