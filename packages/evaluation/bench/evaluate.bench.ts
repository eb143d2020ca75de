// Micro-benchmark: evaluations per second on a 30-security portfolio with
// 5-step sequences. Run: npx tsx --conditions=source bench/evaluate.bench.ts
import { createPythonRandom } from '@planner/context';
import type { ActionCandidate } from '@planner/contracts';
import { monteCarlo, singleObjective, stochastic } from '../src/index.js';
import { evaluateStraightforward, scoringInputs } from '../test/reference-path.js';
import { action, compat, context, settings } from '../test/fixtures.js';

const rng = createPythonRandom(1);
const countries = ['United States', 'Germany', 'France', 'Japan', 'United Kingdom'];
const securities = Array.from({ length: 30 }, (_, i) => ({
  symbol: `S${i}`,
  price: 20 + rng.random() * 300,
  country: countries[i % countries.length] as string,
  qualityScore: 0.4 + rng.random() * 0.5,
  metrics: {
    cagr5y: rng.random() * 0.2,
    dividendYield: rng.random() * 0.05,
    sortino: rng.random() * 2.5,
    sharpe: rng.random() * 2,
    volatilityAnnual: 0.1 + rng.random() * 0.4,
    maxDrawdown: -rng.random() * 0.6,
  },
}));
const ctx = context({
  securities,
  holdings: securities.slice(0, 20).map((s, i) => ({ symbol: s.symbol, quantity: 5 + i })),
  cash: 5000,
  countryTargets: { US: 0.5, EU: 0.3, UK: 0.1, ASIA: 0.1 },
  countryGroups: { US: ['United States'], EU: ['Germany', 'France'], UK: ['United Kingdom'], ASIA: ['Japan'] },
});
const sequences: ActionCandidate[][] = Array.from({ length: 2000 }, () =>
  Array.from({ length: 5 }, () => {
    const sec = securities[rng.randint(0, 29)] as (typeof securities)[number];
    return action(rng.random() < 0.5 ? 'SELL' : 'BUY', sec.symbol, rng.randint(1, 10), sec.price);
  }),
);

function bench(label: string, fn: (seq: ActionCandidate[]) => unknown, minMs = 1500): void {
  for (const s of sequences.slice(0, 500)) fn(s); // warm-up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (const s of sequences) fn(s);
    n += sequences.length;
    t = performance.now();
  }
  console.log(`${label.padEnd(44)} ${Math.round((n * 1000) / (t - t0)).toLocaleString('en')} evaluations/s`);
}

const setup = { settings: settings({ enableMultiTimeframe: true, costPenaltyFactor: 0.05 }), compat: compat(), rng };
const single = singleObjective.prepare(ctx, setup, {});
bench('single_objective (fast)', (s) => single.evaluate(s));
const inputs = scoringInputs(ctx, setup);
bench('straightforward helpers (same result)', (s) => evaluateStraightforward(ctx, inputs, s));
const stoch = stochastic.prepare(ctx, setup, stochastic.params.parse({}));
bench('stochastic (5 scenarios each)', (s) => stoch.evaluate(s));
const mc = monteCarlo.prepare(ctx, { ...setup, settings: settings({ monteCarloPathCount: 100 }) }, {});
bench('monte_carlo (100 paths each)', (s) => mc.evaluate(s), 3000);
