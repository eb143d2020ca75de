import { calculateTransactionCost } from '@planner/context';
import type {
  CompatSwitches,
  EvaluationContext,
  HealthScore,
  PlannerSettings,
  PortfolioContext,
  SecurityMetrics,
  Sequence,
} from '@planner/contracts';
import { type AdjustedScore, adjustEndState } from './evaluate-end-state.js';
import { endStateScore } from './end-state.js';
import { healthScore } from './health-score.js';
import { buildMetricsCache } from './metrics-cache.js';
import { adjustedValue, cashCostOf, groupMapsDropped, startPortfolio } from './quirks.js';
import { type ScoringSettings, scoringSettings } from './scoring-settings.js';

// '#fast-scorer' in a browser bundle (package.json "imports"): the scorer's
// interface on the straightforward helpers (healthScore, endStateScore,
// adjustEndState), a simulated end state as maps per run, instead of Node's
// per-slot tables (src/fast-scorer.ts): the same numbers from about 2 KiB gzip
// less code. test/fast-scorer-browser.test.ts runs the fast scorer's oracle
// tests on this variant.

type Setup = { readonly settings: PlannerSettings; readonly compat: CompatSwitches };

const NO_METRICS: SecurityMetrics = Object.freeze({});
const EMPTY_MAP: ReadonlyMap<string, never> = new Map<string, never>();

/** Scores sequences of one snapshot: `bind`, then `run` per price scenario (see src/fast-scorer.ts). */
export class FastScorer {
  readonly settings: ScoringSettings;
  readonly start: PortfolioContext;
  readonly currentHealth: HealthScore;
  /** symbol -> metrics as scored (`buildMetricsCache`); `useNeutralMetrics` empties entries. */
  readonly metrics: Map<string, SecurityMetrics>;

  private readonly ctx: EvaluationContext;
  // the bound sequence's distinct symbols, in first-appearance order
  private unique: string[] = [];
  // the last run's end state, its health total and objectives
  private lastEnd: PortfolioContext;
  private lastHealthTotal = 0;
  private lastScore: AdjustedScore | null = null;

  constructor(ctx: EvaluationContext, setup: Setup) {
    this.ctx = ctx;
    this.settings = scoringSettings(ctx, setup);
    this.start = this.lastEnd = startPortfolio(ctx, setup.compat);
    this.metrics = buildMetricsCache(ctx, setup.compat);
    this.currentHealth = healthScore(this.start);
  }

  /** Remembers the sequence's distinct symbols; returns its transaction cost. */
  bind(sequence: Sequence): number {
    this.unique = [...new Set(sequence.map((a) => a.symbol))];
    return calculateTransactionCost(sequence, this.settings.transactionCostFixed, this.settings.transactionCostPercent);
  }

  /** Number of distinct symbols of the bound sequence. */
  get uniqueSymbols(): number {
    return this.unique.length;
  }

  /** Symbol of the bound sequence's `u`-th distinct symbol. */
  uniqueSymbol(_sequence: Sequence, u: number): string {
    const symbol = this.unique[u];
    if (symbol === undefined) throw new RangeError(`no distinct symbol ${u}`);
    return symbol;
  }

  /** Annual volatility for Monte Carlo of the bound sequence's `u`-th distinct symbol (pipeline.md §4.6). */
  volatilityOf(u: number): number {
    return Math.max(0.1, Math.min(1.0, this.metrics.get(this.unique[u] as string)?.volatilityAnnual ?? 0.2));
  }

  /**
   * Simulates the bound sequence (pipeline.md §3.1; multipliers per distinct
   * symbol starting at `offset`, or none) and returns its score after
   * multi-timeframe and cost penalty. `totalCost` is what `bind` returned.
   */
  run(sequence: Sequence, totalCost: number, mult: ArrayLike<number> | null, offset = 0): number {
    const { settings: s, start } = this;
    const compat = s.compat;
    const positions = new Map(start.positions);
    let countries = start.securityCountries;
    let cash = this.ctx.availableCashEur;
    let applied = 0;
    for (const a of sequence) {
      const v = mult === null ? a.valueEur : adjustedValue(a, mult[offset + this.unique.indexOf(a.symbol)] as number, compat);
      const cost = cashCostOf(a, s.transactionCostFixed, s.transactionCostPercent, compat);
      if (a.side === 'SELL') {
        const remaining = Math.max(0, (positions.get(a.symbol) ?? 0) - v);
        if (remaining > 0) positions.set(a.symbol, remaining);
        else positions.delete(a.symbol);
        cash += v - cost;
      } else {
        if (v + cost > cash) continue;
        positions.set(a.symbol, (positions.get(a.symbol) ?? 0) + v);
        const country = this.ctx.securitiesBySymbol.get(a.symbol)?.country;
        if (country) (countries = new Map(countries)).set(a.symbol, country);
        cash -= v + cost;
      }
      applied++;
    }
    const dropped = groupMapsDropped(applied, compat);
    const end = (this.lastEnd = { ...start, positions, securityCountries: countries, countryToGroup: dropped ? EMPTY_MAP : start.countryToGroup });
    const total = (this.lastHealthTotal = healthScore(end).total);
    const endState = endStateScore(positions, end.totalValue, total / 100, this.metrics);
    this.lastScore = adjustEndState(endState.score, endState.breakdown, total, end.totalValue, totalCost, s);
    return this.lastScore.score;
  }

  /** `multi_objective.diversification_score` of the last run. */
  diversificationScore(): number {
    return (this.lastScore as AdjustedScore).diversificationScore;
  }

  /** `multi_objective.risk_score` of the last run. */
  riskScore(): number {
    return (this.lastScore as AdjustedScore).riskScore;
  }

  /** The detailed breakdown of the last `run`; `priceAdjustments` are the multipliers it used. */
  lastBreakdown(totalCost: number, priceAdjustments?: ReadonlyMap<string, number>): Record<string, unknown> {
    const end = this.lastEnd;
    const total = this.lastHealthTotal;
    const { score, breakdown } = endStateScore(end.positions, end.totalValue, total / 100, this.metrics);
    adjustEndState(score, breakdown, total, end.totalValue, totalCost, this.settings, priceAdjustments);
    return breakdown;
  }

  /** Scores these universe symbols with neutral default metrics (DECISIONS #24); others already are. */
  useNeutralMetrics(symbols: readonly string[]): void {
    for (const symbol of symbols) if (this.metrics.has(symbol)) this.metrics.set(symbol, NO_METRICS);
  }
}

/** `Evaluator.prepareSnapshot`'s tables: none in a browser bundle, each plan's scorer builds its own. */
export class ScorerTables {
  constructor(_ctx: EvaluationContext, _setup: Setup) {
    Object.freeze(this);
  }

  static scorer(ctx: EvaluationContext, setup: Setup): FastScorer {
    return new FastScorer(ctx, setup);
  }
}
