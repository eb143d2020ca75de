import type { NumbersPending } from '@planner/context';
import { calculateTransactionCost, pyRound } from '@planner/context';
import type {
  CompatSwitches,
  EvaluationContext,
  HealthScore,
  PlannerSettings,
  PortfolioContext,
  Security,
  SecurityMetrics,
  Sequence,
} from '@planner/contracts';
import { costPenalty, multiTimeframeScore } from './adjustments.js';
import { END_STATE_WEIGHTS as W, OPINION_SCORE, endStateBreakdown, invalidEndStateBreakdown } from './end-state.js';
import { adjustEndState } from './evaluate-end-state.js';
import { dividendYieldOf, qualityOf } from './health-score.js';
import { buildMetricsCache } from './metrics-cache.js';
import { scoringView } from '#scoring-view';
import { longTermPromiseValue, stabilityValue, totalReturnValue } from './metric-scores.js';
import { adjustedValue, cashCostOf, groupMapsDropped, startPortfolio } from './quirks.js';
import { type ScoringSettings, scoringSettings } from './scoring-settings.js';

const NO_METRICS: SecurityMetrics = Object.freeze({});
const DEFAULT_VOLATILITY = 0.2;

/**
 * Simulation and scoring of one snapshot on typed arrays indexed by security
 * slot (`ctx.symbolIndex`, then extra slots for other symbols). Per-security
 * scores are computed once; `run` applies a sequence to a position array,
 * scores the end state in one pass over the positions (in the reference's
 * dict order) and undoes its changes. Every floating-point operation follows
 * the straightforward helpers (health-score.ts, end-state.ts, simulate.ts),
 * which the tests hold it to.
 */
export class FastScorer {
  // Every field is `declare`d and assigned once, in the constructor, in one
  // order on both of its paths (`Object.keys` order; a test holds the paths
  // to it). An initialiser that the constructor then overwrote made V8 turn
  // that field from constant to mutable, and each such change rewrote the
  // field in every later hidden class of the chain: about 45 of them in a
  // fresh process's first plan. Fields the plan keeps writing come last, where
  // that change touches the fewest hidden classes.
  declare readonly settings: ScoringSettings;
  declare readonly start: PortfolioContext;
  declare private readonly ctx: EvaluationContext;
  declare private readonly compat: CompatSwitches;
  declare private readonly total: number;
  // country groups: the target groups in `countryWeights` order
  declare private readonly groupNames: readonly string[];
  declare private readonly targets: readonly number[];
  declare private readonly otherGroup: number;
  declare private readonly countriesNonEmpty: boolean;
  declare private readonly dividendsEmpty: boolean;
  declare private readonly scoresEmpty: boolean;
  declare private readonly nStart: number;
  declare private readonly groupAcc: number[];
  // Per-slot constants, in plain arrays (see `grow`): doubles in the `f64` ones, small integers in the others.
  declare private tr: number[];
  declare private promise: number[];
  declare private stability: number[];
  declare private divYield: number[];
  declare private quality: number[];
  declare private volatility: number[];
  declare private groupStart: number[];
  declare private groupBought: number[];
  declare private hasCountry: number[];
  // 1 once a slot's scores above are computed: a plan reads only the held slots and those its sequences trade
  declare private ready: number[];
  declare private startValue: number[];
  declare private startPos: number[];
  // per-sequence state; `pos[s]` is the slot's index in `order`, -1 when not held
  declare private value: number[];
  declare private pos: number[];
  declare private bought: number[];
  declare private order: number[];
  // the bound sequence
  declare private actSlot: number[];
  declare private actUnique: number[];
  declare private unique: number[];
  declare private metricsCache: ReadonlyMap<string, SecurityMetrics> | null;
  // slots past the universe, for symbols outside it (rare: created on demand)
  declare private extraSlots: Map<string, number> | null;
  declare private cap: number;
  declare private size: number;
  // true while the per-slot constants are a template's (read only)
  declare private sharesTables: boolean;
  declare private uniqueCount: number;
  // Results of the last `run`, NaN before the first: a fraction from the start, so
  // that V8 lays these fields out as doubles at once (a field that starts as a small
  // integer is re-laid out when the first fraction is written, and with it the
  // hidden classes of every field after it).
  declare private lastHealthTotal: number;
  // the health components of the last run, unrounded
  declare private lastDiversification: number;
  declare private lastDividend: number;
  declare private lastQuality: number;
  declare private lastStability: number;
  declare private lastInvalid: boolean;
  declare private lastTotalReturn: number;
  declare private lastPromise: number;
  declare private lastRaw: number;
  declare private lastEndScore: number;
  declare readonly currentHealth: HealthScore;

  /**
   * `template`: a scorer of the same context and scoring settings (`forkable`)
   * whose per-slot tables are copied instead of recomputed; it is only read.
   */
  constructor(
    ctx: EvaluationContext,
    setup: { readonly settings: PlannerSettings; readonly compat: CompatSwitches },
    template?: FastScorer,
  ) {
    this.ctx = ctx;
    this.compat = setup.compat;
    if (template !== undefined) {
      const t = template;
      this.settings = t.settings;
      this.start = t.start;
      this.total = t.total;
      this.groupNames = t.groupNames;
      this.targets = t.targets;
      this.otherGroup = t.otherGroup;
      this.countriesNonEmpty = t.countriesNonEmpty;
      this.dividendsEmpty = t.dividendsEmpty;
      this.scoresEmpty = t.scoresEmpty;
      this.nStart = t.nStart;
      this.groupAcc = doubles([], t.groupAcc.length);
      // The per-slot constants stay the template's until this scorer needs a
      // slot of its own (`slotFor`); the per-sequence state is copied.
      this.tr = t.tr;
      this.promise = t.promise;
      this.stability = t.stability;
      this.divYield = t.divYield;
      this.quality = t.quality;
      this.volatility = t.volatility;
      this.groupStart = t.groupStart;
      this.groupBought = t.groupBought;
      this.hasCountry = t.hasCountry;
      this.ready = t.ready;
      this.startValue = t.startValue;
      this.startPos = t.startPos;
      this.value = t.value.slice();
      this.pos = t.pos.slice();
      this.bought = integers([], t.cap);
      this.order = t.order.slice();
      this.initRunState(t.metricsCache, t.extraSlots === null ? null : new Map(t.extraSlots), t.cap, t.size, true);
      // A plan hands this object out: each scorer gets its own.
      this.currentHealth = { ...t.currentHealth };
      return;
    }
    this.settings = scoringSettings(ctx, setup);
    const p = startPortfolio(ctx, setup.compat);
    this.start = p;
    this.total = p.totalValue;
    const groupNames = [...p.countryWeights.keys()];
    this.groupNames = groupNames;
    this.targets = doubles([...p.countryWeights.values()], groupNames.length);
    this.otherGroup = groupNames.indexOf('OTHER');
    this.countriesNonEmpty = p.securityCountries.size > 0;
    this.dividendsEmpty = p.securityDividends.size === 0;
    this.scoresEmpty = p.securityScores.size === 0;
    this.nStart = p.positions.size;
    this.groupAcc = doubles([], groupNames.length);

    // Universe slots start empty and not ready (the arrays are zero-filled); `ensure` scores a slot on first use.
    const cap = ctx.securities.length + p.positions.size + 8;
    this.tr = doubles([], cap);
    this.promise = doubles([], cap);
    this.stability = doubles([], cap);
    this.divYield = doubles([], cap);
    this.quality = doubles([], cap);
    this.volatility = doubles([], cap);
    this.groupStart = integers([], cap);
    this.groupBought = integers([], cap);
    this.hasCountry = integers([], cap);
    this.ready = integers([], cap);
    this.startValue = doubles([], cap);
    this.startPos = integers([], cap);
    this.value = doubles([], cap);
    this.pos = integers([], cap);
    this.bought = integers([], cap);
    this.order = integers([], cap);
    this.initRunState(null, null, cap, ctx.securities.length, false);
    this.startPos.fill(-1);

    let k = 0;
    for (const [symbol, v] of p.positions) {
      const slot = this.slotFor(symbol);
      this.ensure(slot);
      this.startValue[slot] = v;
      this.startPos[slot] = k;
      this.order[k++] = slot;
    }
    for (let slot = 0; slot < this.cap; slot++) {
      this.value[slot] = this.startValue[slot]!;
      this.pos[slot] = this.startPos[slot]!;
    }
    this.currentHealth = this.startHealth();
  }

  /** The fields after the tables, in their one order (see the class's first comment). */
  private initRunState(
    metricsCache: ReadonlyMap<string, SecurityMetrics> | null,
    extraSlots: Map<string, number> | null,
    cap: number,
    size: number,
    sharesTables: boolean,
  ): void {
    this.actSlot = [0, 0, 0, 0, 0, 0, 0, 0];
    this.actUnique = [0, 0, 0, 0, 0, 0, 0, 0];
    this.unique = [0, 0, 0, 0, 0, 0, 0, 0];
    this.metricsCache = metricsCache;
    this.extraSlots = extraSlots;
    this.cap = cap;
    this.size = size;
    this.sharesTables = sharesTables;
    this.uniqueCount = 0;
    this.lastHealthTotal = Number.NaN;
    this.lastDiversification = Number.NaN;
    this.lastDividend = Number.NaN;
    this.lastQuality = Number.NaN;
    this.lastStability = Number.NaN;
    this.lastInvalid = false;
    this.lastTotalReturn = Number.NaN;
    this.lastPromise = Number.NaN;
    this.lastRaw = Number.NaN;
    this.lastEndScore = Number.NaN;
  }

  /**
   * The health score of the start portfolio (§4.1), from the same pass that
   * scores every end state: `healthScore(start)` gives the same numbers, but
   * in a fresh process its code would run once, for this alone.
   */
  private startHealth(): HealthScore {
    this.scoreState(this.nStart, this.countriesNonEmpty, false);
    const health: NumbersPending<HealthScore> = { diversification: null, dividend: null, quality: null, total: null };
    health.diversification = pyRound(this.lastDiversification, 1);
    health.dividend = pyRound(this.lastDividend, 1);
    health.quality = pyRound(this.lastQuality, 1);
    health.total = this.lastHealthTotal;
    return health as HealthScore;
  }

  /** Whether a scorer for `ctx` and `setup` may copy this one's tables (same context, same scoring settings). */
  forkable(ctx: EvaluationContext, setup: { readonly settings: PlannerSettings; readonly compat: CompatSwitches }): boolean {
    if (ctx !== this.ctx || setup.compat !== this.compat) return false;
    const a = this.settings;
    const b = scoringSettings(ctx, setup);
    return (
      a.costPenaltyFactor === b.costPenaltyFactor &&
      a.multiTimeframe === b.multiTimeframe &&
      a.transactionCostFixed === b.transactionCostFixed &&
      a.transactionCostPercent === b.transactionCostPercent &&
      a.monteCarloPaths === b.monteCarloPaths
    );
  }

  /** symbol -> metrics as scored (`buildMetricsCache`), built on first use. */
  get metrics(): ReadonlyMap<string, SecurityMetrics> {
    this.metricsCache ??= buildMetricsCache(this.ctx, this.compat);
    return this.metricsCache;
  }

  /** Resolves the sequence's symbols to slots (first-appearance order for `unique`); returns its transaction cost. */
  bind(sequence: Sequence): number {
    const n = sequence.length;
    if (this.actSlot.length < n) {
      this.actSlot = integers([], n * 2);
      this.actUnique = integers([], n * 2);
      this.unique = integers([], n * 2);
    }
    if (this.order.length < this.nStart + n) this.order = integers(this.order, (this.nStart + n) * 2);
    this.uniqueCount = 0;
    for (let i = 0; i < n; i++) {
      const slot = this.slotFor((sequence[i] as Sequence[number]).symbol);
      this.ensure(slot);
      this.actSlot[i] = slot;
      let u = 0;
      while (u < this.uniqueCount && this.unique[u] !== slot) u++;
      if (u === this.uniqueCount) this.unique[this.uniqueCount++] = slot;
      this.actUnique[i] = u;
    }
    return calculateTransactionCost(sequence, this.settings.transactionCostFixed, this.settings.transactionCostPercent);
  }

  /** Number of distinct symbols of the bound sequence. */
  get uniqueSymbols(): number {
    return this.uniqueCount;
  }

  /** Symbol of the bound sequence's `u`-th distinct symbol. */
  uniqueSymbol(sequence: Sequence, u: number): string {
    for (let i = 0; i < sequence.length; i++) if (this.actUnique[i] === u) return (sequence[i] as Sequence[number]).symbol;
    throw new RangeError(`no distinct symbol ${u}`);
  }

  /** Annual volatility for Monte Carlo of the bound sequence's `u`-th distinct symbol (pipeline.md §4.6). */
  volatilityOf(u: number): number {
    return this.volatility[this.unique[u] as number] as number;
  }

  /**
   * Simulates the bound sequence (multipliers per distinct symbol starting at
   * `offset`, or none) and returns its score after multi-timeframe and cost
   * penalty. `totalCost` is what `bind` returned.
   */
  run(sequence: Sequence, totalCost: number, mult: ArrayLike<number> | null, offset = 0): number {
    const s = this.settings;
    const compat = this.compat;
    const value = this.value;
    const pos = this.pos;
    const order = this.order;
    let orderLen = this.nStart;
    let cash = this.ctx.availableCashEur;
    let applied = 0;
    let countriesNonEmpty = this.countriesNonEmpty;
    const n = sequence.length;

    for (let i = 0; i < n; i++) {
      const a = sequence[i] as Sequence[number];
      const slot = this.actSlot[i] as number;
      const v = mult === null ? a.valueEur : adjustedValue(a, mult[offset + (this.actUnique[i] as number)] as number, compat);
      const cost = cashCostOf(a, s.transactionCostFixed, s.transactionCostPercent, compat);
      const p = pos[slot] as number;
      if (a.side === 'SELL') {
        // Used only when positive: no Math.max(0, ...) call.
        const remaining = (p >= 0 ? (value[slot] as number) : 0) - v;
        if (remaining > 0) {
          value[slot] = remaining;
          if (p < 0) {
            pos[slot] = orderLen;
            order[orderLen++] = slot;
          }
        } else if (p >= 0) {
          order[p] = -1;
          pos[slot] = -1;
        }
        cash += v - cost;
      } else {
        if (v + cost > cash) continue;
        if (p >= 0) value[slot] = (value[slot] as number) + v;
        else {
          value[slot] = 0 + v;
          pos[slot] = orderLen;
          order[orderLen++] = slot;
        }
        this.bought[slot] = 1;
        if (this.hasCountry[slot] === 1) countriesNonEmpty = true;
        cash -= v + cost;
      }
      applied++;
    }

    let score = this.scoreState(orderLen, countriesNonEmpty, groupMapsDropped(applied, compat));
    this.lastEndScore = score;
    if (s.multiTimeframe) score = multiTimeframeScore(score);
    if (s.costPenaltyFactor > 0.0 && this.total > 0) {
      score = Math.max(0.0, score - costPenalty(totalCost, this.total, s.costPenaltyFactor));
    }
    this.restore(n);
    return score;
  }

  /** `multi_objective.diversification_score` of the last run. */
  diversificationScore(): number {
    return pyRound(this.lastHealthTotal / 100, 3);
  }

  /** `multi_objective.risk_score` of the last run. */
  riskScore(): number {
    return this.lastInvalid ? 0.5 : pyRound(pyRound(this.lastStability, 3), 3);
  }

  /**
   * The detailed breakdown of the last `run`, the object the straightforward
   * path (`evaluateEndState`) builds; `priceAdjustments` are the multipliers
   * that run used, by symbol in first-appearance order.
   */
  lastBreakdown(totalCost: number, priceAdjustments?: ReadonlyMap<string, number>): Record<string, unknown> {
    const breakdown = this.lastInvalid
      ? invalidEndStateBreakdown()
      : endStateBreakdown(this.lastTotalReturn, this.lastHealthTotal / 100, this.lastPromise, this.lastStability, this.lastRaw);
    adjustEndState(this.lastEndScore, breakdown, this.lastHealthTotal, this.total, totalCost, this.settings, priceAdjustments);
    return breakdown;
  }

  /** Health (§4.1) and end-state (§4.2) score of the current state in one pass. */
  private scoreState(orderLen: number, countriesNonEmpty: boolean, dropped: boolean): number {
    const T = this.total;
    const order = this.order;
    const value = this.value;
    if (T <= 0) {
      this.lastDiversification = 50.0;
      this.lastDividend = 50.0;
      this.lastQuality = 50.0;
      this.lastHealthTotal = 50.0;
      this.lastInvalid = true;
      return 0.5;
    }
    const acc = this.groupAcc;
    acc.fill(0);
    let wDiv = 0.0;
    let wQual = 0.0;
    let wTr = 0.0;
    let wPromise = 0.0;
    let wStab = 0.0;
    let count = 0;
    // The tables in locals: a first plan runs this loop in the interpreter, where
    // each `this.x` in it would be one more property load per slot.
    const { otherGroup, bought, groupBought, groupStart, divYield, quality: qualityOf, tr, promise, stability, targets } = this;
    for (let k = 0; k < orderLen; k++) {
      const slot = order[k] as number;
      if (slot < 0) continue;
      count++;
      const v = value[slot] as number;
      if (countriesNonEmpty) {
        const g = dropped ? otherGroup : bought[slot] === 1 ? groupBought[slot] : groupStart[slot];
        if ((g as number) >= 0) acc[g as number] = (acc[g as number] as number) + v;
      }
      const w = v / T;
      wDiv += (divYield[slot] as number) * w;
      wQual += (qualityOf[slot] as number) * w;
      if (v > 0) {
        wTr += (tr[slot] as number) * w;
        wPromise += (promise[slot] as number) * w;
        wStab += (stability[slot] as number) * w;
      }
    }

    let avg = 0.2;
    const nGroups = targets.length;
    if (countriesNonEmpty && nGroups > 0) {
      let sum = 0;
      for (let g = 0; g < nGroups; g++) {
        const d = (acc[g] as number) / T - (targets[g] as number);
        sum += d < 0 ? -d : d;
      }
      avg = sum / nGroups;
    }
    const diversification = Math.max(0, 100 * (1 - avg / 0.3));
    const dividend = this.dividendsEmpty ? 50.0 : Math.min(100, 30 + wDiv * 1000);
    const quality = this.scoresEmpty ? 50.0 : wQual * 100;
    this.lastDiversification = diversification;
    this.lastDividend = dividend;
    this.lastQuality = quality;
    const healthTotal = pyRound(diversification * 0.4 + dividend * 0.3 + quality * 0.3, 1);
    this.lastHealthTotal = healthTotal;

    if (count === 0) {
      this.lastInvalid = true;
      return 0.5;
    }
    this.lastInvalid = false;
    this.lastStability = wStab;
    this.lastTotalReturn = wTr;
    this.lastPromise = wPromise;
    const raw =
      wTr * W.totalReturn +
      (healthTotal / 100) * W.diversification +
      wPromise * W.longTermPromise +
      wStab * W.stability +
      OPINION_SCORE * W.opinion;
    this.lastRaw = raw;
    return pyRound(Math.min(1.0, raw), 3);
  }

  /** Undoes the last run: only the bound sequence's slots can have changed. */
  private restore(n: number): void {
    for (let i = 0; i < n; i++) {
      const slot = this.actSlot[i] as number;
      this.value[slot] = this.startValue[slot] as number;
      const p = this.startPos[slot] as number;
      this.pos[slot] = p;
      if (p >= 0) this.order[p] = slot;
      this.bought[slot] = 0;
    }
  }

  /**
   * Scores these symbols with neutral default metrics (an empty metrics entry),
   * as the reference did for symbols missing from its metrics prefetch (DECISIONS #24).
   * A symbol outside the universe already is.
   */
  useNeutralMetrics(symbols: readonly string[]): void {
    for (const symbol of symbols) {
      const slot = this.ctx.symbolIndex.get(symbol) ?? this.extraSlots?.get(symbol);
      if (slot === undefined) continue;
      // the per-slot constants may be a template's, shared with other plans: copy first
      if (this.sharesTables) this.grow(this.cap);
      // scored now, so a later `ensure` keeps the neutral values
      this.ensure(slot);
      this.tr[slot] = totalReturnValue(NO_METRICS);
      this.promise[slot] = longTermPromiseValue(NO_METRICS);
      this.stability[slot] = stabilityValue(NO_METRICS);
      this.volatility[slot] = DEFAULT_VOLATILITY;
    }
  }

  private slotFor(symbol: string): number {
    const known = this.ctx.symbolIndex.get(symbol) ?? this.extraSlots?.get(symbol);
    if (known !== undefined) return known;
    const slot = Math.max(this.size, this.ctx.securities.length);
    if (slot >= this.cap) this.grow(this.cap * 2);
    else if (this.sharesTables) this.grow(this.cap);
    this.extraSlots ??= new Map();
    this.extraSlots.set(symbol, slot);
    this.size = slot + 1;
    this.startValue[slot] = 0;
    this.startPos[slot] = -1;
    this.value[slot] = 0;
    this.pos[slot] = -1;
    this.initSlot(slot, symbol, undefined);
    return slot;
  }

  /**
   * Scores every universe slot now (a template's tables are shared read-only
   * by the scorers copied from it, so they must be complete).
   */
  ensureAll(): void {
    for (let slot = 0; slot < this.ctx.securities.length; slot++) this.ensure(slot);
  }

  /** Scores a slot on its first use. Universe slots only are ever not ready. */
  private ensure(slot: number): void {
    if (this.ready[slot] === 1) return;
    // A template's slot is always ready; this scorer's own tables otherwise (`sharesTables` is false).
    const security = this.ctx.securities[slot]!;
    this.initSlot(slot, security.symbol, security);
  }

  private initSlot(slot: number, symbol: string, security: Security | undefined): void {
    const p = this.start;
    // The metrics cache's entry: universe symbols only, zero-filled under the switch.
    // Read before the next view is taken (the view may be a shared object).
    const m = security === undefined ? undefined : scoringView(this.ctx.metrics.get(symbol) ?? security.metrics ?? {}, this.compat);
    const metrics = m ?? NO_METRICS;
    this.tr[slot] = totalReturnValue(metrics);
    this.promise[slot] = longTermPromiseValue(metrics);
    this.stability[slot] = stabilityValue(metrics);
    this.divYield[slot] = dividendYieldOf(p, symbol);
    this.quality[slot] = qualityOf(p, symbol);
    const vol = m === undefined ? DEFAULT_VOLATILITY : (m.volatilityAnnual ?? DEFAULT_VOLATILITY);
    this.volatility[slot] = Math.max(0.1, Math.min(1.0, vol));
    const startCountry = p.securityCountries.has(symbol) ? (p.securityCountries.get(symbol) as string) : 'OTHER';
    this.groupStart[slot] = this.groupIndex(startCountry);
    const ownCountry = security !== undefined && security.country ? security.country : undefined;
    this.hasCountry[slot] = ownCountry !== undefined ? 1 : 0;
    this.groupBought[slot] = ownCountry !== undefined ? this.groupIndex(ownCountry) : this.groupStart[slot] as number;
    this.ready[slot] = 1;
  }

  private groupIndex(country: string): number {
    return this.groupNames.indexOf(this.start.countryToGroup.get(country) ?? 'OTHER');
  }

  /**
   * Gives every per-slot array `cap` slots (the old values, then zeros). Plain
   * arrays: a plan's scorer lives for one plan, too short for typed arrays'
   * off-heap buffer to pay off (one buffer and sixteen views took longer than
   * scoring the few slots a conservative plan reads).
   */
  private grow(cap: number): void {
    this.tr = doubles(this.tr, cap);
    this.promise = doubles(this.promise, cap);
    this.stability = doubles(this.stability, cap);
    this.divYield = doubles(this.divYield, cap);
    this.quality = doubles(this.quality, cap);
    this.volatility = doubles(this.volatility, cap);
    this.startValue = doubles(this.startValue, cap);
    this.value = doubles(this.value, cap);
    this.groupStart = integers(this.groupStart, cap);
    this.groupBought = integers(this.groupBought, cap);
    this.startPos = integers(this.startPos, cap);
    this.pos = integers(this.pos, cap);
    if (this.order.length < cap) this.order = integers(this.order, cap);
    this.hasCountry = integers(this.hasCountry, cap);
    this.ready = integers(this.ready, cap);
    this.bought = integers(this.bought, cap);
    this.cap = cap;
    this.sharesTables = false;
  }
}

// Templates copied by `doubles`/`integers`: filled with a fraction first so that
// the double template's elements are doubles from the start (no elements-kind change on the first fractional write).
const DOUBLE_ZEROS: readonly number[] = new Array<number>(64).fill(0.5).fill(0);
const INTEGER_ZEROS: readonly number[] = new Array<number>(64).fill(0);

/** A copy of `old`'s first `cap` values, then zeros up to `cap`, holding doubles. */
function doubles(old: readonly number[], cap: number): number[] {
  return resized(old, cap, DOUBLE_ZEROS);
}

/** A copy of `old`'s first `cap` values, then zeros up to `cap`, holding small integers. */
function integers(old: readonly number[], cap: number): number[] {
  return resized(old, cap, INTEGER_ZEROS);
}

function resized(old: readonly number[], cap: number, zeros: readonly number[]): number[] {
  const a = old.length === 0 ? zeros.slice(0, Math.min(cap, zeros.length)) : old.slice(0, cap);
  while (a.length < cap) a.push(0);
  return a;
}

/**
 * The evaluators' seed-free per-snapshot tables (`Evaluator.prepareSnapshot`):
 * a scorer that never runs, copied by every plan that prepares a scorer for
 * the same context and scoring settings.
 */
export class ScorerTables {
  readonly #template: FastScorer;

  constructor(ctx: EvaluationContext, setup: { readonly settings: PlannerSettings; readonly compat: CompatSwitches }) {
    this.#template = new FastScorer(ctx, setup);
    this.#template.ensureAll();
    Object.freeze(this);
  }

  /** A scorer copied from the tables, or a new one when they were built for another context or other settings. */
  static scorer(
    ctx: EvaluationContext,
    setup: { readonly settings: PlannerSettings; readonly compat: CompatSwitches; readonly snapshotTables?: unknown },
  ): FastScorer {
    const tables = setup.snapshotTables;
    if (tables instanceof ScorerTables && tables.#template.forkable(ctx, setup)) return new FastScorer(ctx, setup, tables.#template);
    return new FastScorer(ctx, setup);
  }
}
