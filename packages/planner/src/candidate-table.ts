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
  private readonly ids = new Map<ActionCandidate, number>();
  private readonly symbolIds = new Map<string, number>();
  priority = new Float64Array(64);
  value = new Float64Array(64);
  symbol = new Int32Array(64);
  buy = new Uint8Array(64);
  /** STATIC_OK, STATIC_FLAGS (security unknown or side not allowed) or STATIC_POSITION (sell without enough held). */
  code = new Uint8Array(64);

  constructor(private readonly ctx: OpportunityContext) {}

  idOf(a: ActionCandidate): number {
    const id = this.ids.get(a);
    return id === undefined ? this.add(a) : id;
  }

  private add(a: ActionCandidate): number {
    const id = this.ids.size;
    if (id === this.priority.length) this.grow();
    this.ids.set(a, id);
    let symbol = this.symbolIds.get(a.symbol);
    if (symbol === undefined) this.symbolIds.set(a.symbol, (symbol = this.symbolIds.size));
    this.symbol[id] = symbol;
    this.priority[id] = a.priority;
    this.value[id] = a.valueEur;
    const security = this.ctx.securitiesBySymbol.get(a.symbol);
    if (a.side === 'BUY') {
      this.buy[id] = 1;
      this.code[id] = !security || !security.allowBuy ? STATIC_FLAGS : STATIC_OK;
    } else {
      const position = this.ctx.positionsBySymbol.get(a.symbol);
      this.code[id] = !security || !security.allowSell ? STATIC_FLAGS : !position || position.quantity < a.quantity ? STATIC_POSITION : STATIC_OK;
    }
    return id;
  }

  private grow(): void {
    const n = this.priority.length * 2;
    const f = (old: Float64Array) => { const x = new Float64Array(n); x.set(old); return x; };
    const i = (old: Int32Array) => { const x = new Int32Array(n); x.set(old); return x; };
    const u = (old: Uint8Array) => { const x = new Uint8Array(n); x.set(old); return x; };
    this.priority = f(this.priority);
    this.value = f(this.value);
    this.symbol = i(this.symbol);
    this.buy = u(this.buy);
    this.code = u(this.code);
  }
}
