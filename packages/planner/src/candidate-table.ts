import type { ActionCandidate, OpportunityContext } from '@planner/contracts';

/** Per-candidate result of the checks that do not depend on the cash walk. */
export const STATIC_OK = 0;
export const STATIC_FLAGS = 1;
export const STATIC_POSITION = 2;

/**
 * What the early filtering reads of each candidate, looked up once per
 * candidate object instead of once per action: thousands of sequences share a
 * few dozen candidates, and each action otherwise costs a priority load, a
 * security lookup, a position lookup (sells) and string compares.
 */
export class CandidateTable {
  /** Row of each candidate object seen so far; on a miss the caller `add`s it (no call per hit in the hot loop). */
  readonly ids = new Map<ActionCandidate, number>();
  private readonly symbolIds = new Map<string, number>();
  // Plain arrays, not typed ones: a plan with a handful of sequences pays for every typed-array allocation.
  readonly priority: number[] = [];
  readonly value: number[] = [];
  readonly symbol: number[] = [];
  /** 1 for a BUY, 0 for a SELL. */
  readonly buy: number[] = [];
  /** STATIC_OK, STATIC_FLAGS (security unknown or side not allowed) or STATIC_POSITION (sell without enough held). */
  readonly code: number[] = [];

  /**
   * `costs`: the per-trade cost taken from cash (the corrected behaviour of
   * DECISIONS.md #22): a buy then needs its value plus the cost, a sell brings
   * its value minus the cost. Absent: the reference's walk over values only.
   */
  constructor(
    private readonly ctx: OpportunityContext,
    private readonly costs?: { readonly fixed: number; readonly percent: number },
  ) {}

  /** Adds a candidate not in `ids` yet; returns its row. */
  add(a: ActionCandidate): number {
    const id = this.ids.size;
    this.ids.set(a, id);
    let symbol = this.symbolIds.get(a.symbol);
    if (symbol === undefined) this.symbolIds.set(a.symbol, (symbol = this.symbolIds.size));
    this.symbol.push(symbol);
    this.priority.push(a.priority);
    const cost = this.costs === undefined ? 0 : this.costs.fixed + Math.abs(a.valueEur) * this.costs.percent;
    this.value.push(a.side === 'BUY' ? a.valueEur + cost : a.valueEur - cost);
    const security = this.ctx.securitiesBySymbol.get(a.symbol);
    if (a.side === 'BUY') {
      this.buy.push(1);
      this.code.push(!security || !security.allowBuy ? STATIC_FLAGS : STATIC_OK);
    } else {
      const position = this.ctx.positionsBySymbol.get(a.symbol);
      this.buy.push(0);
      this.code.push(!security || !security.allowSell ? STATIC_FLAGS : !position || position.quantity < a.quantity ? STATIC_POSITION : STATIC_OK);
    }
    return id;
  }
}
