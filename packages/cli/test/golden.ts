import type { Plan } from '@planner/contracts';

// FORMAT.md "Comparing against a golden", as one function shared by the
// parity test and the benchmark (its "matches golden" column).

export interface GoldenStep {
  readonly side: string;
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number;
  readonly currency: string;
  readonly valueEur: number;
  readonly reason: string;
  readonly narrative: string;
  readonly tags: readonly string[];
  readonly isWindfall: boolean;
  readonly isAveragingDown: boolean;
}

export interface Golden {
  readonly scenario: string;
  readonly preset: string;
  readonly seed: number;
  readonly rngDependent: boolean;
  readonly steps: readonly GoldenStep[];
  readonly currentScore: number;
  readonly endStateScore: number;
  readonly improvement: number;
  readonly cashRequired: number;
  readonly cashGenerated: number;
  readonly feasible: boolean;
  readonly narrative: string;
}

/** Golden fields that describe how the golden was made, not the plan (FORMAT.md "Output"). */
export const GOLDEN_METADATA: ReadonlySet<string> = new Set(['scenario', 'preset', 'rngDependent']);

/** Absorbs the binary error of a difference of two decimal-rounded numbers. */
const EPS = 1e-9;

/** Every difference from the golden beyond FORMAT.md's tolerances; empty when the plan matches. */
export function goldenDiff(plan: Plan, golden: Golden): string[] {
  const out: string[] = [];
  const num = (what: string, actual: number, expected: number, tol: number): void => {
    const delta = Math.abs(actual - expected);
    if (!(delta <= tol + EPS)) out.push(`${what}: ${actual}, golden ${expected} (|Δ| ${delta} > ${tol})`);
  };
  const same = (what: string, actual: unknown, expected: unknown): void => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) out.push(`${what}: ${JSON.stringify(actual)}, golden ${JSON.stringify(expected)}`);
  };
  const brief = (steps: readonly { side: string; symbol: string; quantity: number }[]) =>
    steps.map((s) => `${s.side} ${s.symbol} ${s.quantity}`).join(', ');
  if (plan.steps.length !== golden.steps.length) {
    out.push(`steps: [${brief(plan.steps)}], golden [${brief(golden.steps)}]`);
  } else {
    golden.steps.forEach((g, i) => {
      const s = plan.steps[i]!;
      const at = `steps[${i}]`;
      same(`${at}.side`, s.side, g.side);
      same(`${at}.symbol`, s.symbol, g.symbol);
      same(`${at}.quantity`, s.quantity, g.quantity);
      same(`${at}.currency`, s.currency, g.currency);
      same(`${at}.price`, s.price, g.price);
      num(`${at}.valueEur`, s.valueEur, g.valueEur, 1e-6 * Math.abs(g.valueEur));
      same(`${at}.reason`, s.reason, g.reason);
      same(`${at}.narrative`, s.narrative, g.narrative);
      same(`${at}.tags`, s.tags, g.tags);
      same(`${at}.isWindfall`, s.isWindfall, g.isWindfall);
      same(`${at}.isAveragingDown`, s.isAveragingDown, g.isAveragingDown);
    });
  }
  num('endStateScore', plan.endStateScore, golden.endStateScore, 0.01);
  num('currentScore', plan.currentScore, golden.currentScore, 0.1);
  num('improvement', plan.improvement, golden.improvement, 0.02);
  num('cashRequired', plan.cashRequired, golden.cashRequired, 0.01);
  num('cashGenerated', plan.cashGenerated, golden.cashGenerated, 0.01);
  same('feasible', plan.feasible, golden.feasible);
  same('narrative', plan.narrative, golden.narrative);
  return out;
}
