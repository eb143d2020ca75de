import type { CompatSwitches, OpportunityContext, PlanExecution, PlanViolation, Sequence } from '@planner/contracts';
import { executabilityQuirks } from '@planner/contracts';
import type { NumbersPending } from '@planner/context';

/** What the check reads besides the sequence: the context, the snapshot's cash per currency, the switches. */
export interface PlanCheckInput {
  readonly ctx: OpportunityContext;
  /** The snapshot's cash balances, native units per currency, in file order. */
  readonly cash: ReadonlyMap<string, number>;
  readonly compat: CompatSwitches;
  /** `executabilityQuirks(compat)` when the caller has it (a run checks many sequences); computed otherwise. */
  readonly quirks?: readonly (keyof CompatSwitches)[];
}

/** Float slack of the cash walk and of the value comparison, EUR (well under a cent). */
const CASH_SLACK = 1e-6;
const VALUE_SLACK = 0.005;

/**
 * Checks a sequence against the snapshot at true values (issue 13), whatever
 * the `[compat]` switches say: each step at quantity × price / rate of the
 * security's currency, a positive quantity in whole lots (a sell may also be
 * the whole remaining position), the security's and the planner's allow flags,
 * no more sold than held, the step's currency and valueEur as the true ones,
 * and the cash the plan may spend (snapshot cash in EUR minus the reserve,
 * `ctx.availableCashEur`) never below zero after a step, costs included when
 * they are deducted. The planner's money is one EUR pool, as in the reference
 * (a broker converts on settlement); the per-currency balances are reported.
 */
export function checkSequence(sequence: Sequence, input: PlanCheckInput): PlanExecution {
  const { ctx, compat } = input;
  const costsDeducted = !compat.costsNotDeductedFromCash;
  const violations: PlanViolation[] = [];
  // Every plan checks at least once (most check an empty sequence): a plain loop, no entry pairs or per-step closures.
  // Keyed by currency, through `addCash` (a currency may be named `__proto__` or `constructor`).
  const cashAfter: Record<string, number> = {};
  const cash = input.cash;
  for (const currency of cash.keys()) addCash(cashAfter, currency, cash.get(currency)!);
  const base = ctx.baseCurrency;
  const held = new Map<string, number>();
  let cashEur = ctx.availableCashEur;
  let costsEur = 0;
  // No per-step closure: one would put `a` and `step` in a context object per step, so
  // every read of them below (in the interpreter, where a first plan checks each
  // evaluated sequence) would be a context-slot load.
  for (let i = 0; i < sequence.length; i++) {
    const a = sequence[i]!;
    const step = i + 1;
    const security = ctx.securitiesBySymbol.get(a.symbol);
    if (security === undefined) {
      violate(violations, step, a, 'unknown', 'not a security of the snapshot');
      continue;
    }
    if (!(Number.isInteger(a.quantity) && a.quantity > 0)) violate(violations, step, a, 'quantity', 'the quantity is not a whole number above 0');
    const rate = ctx.fxRate(security.currency);
    const value = (a.quantity * a.price) / rate;
    if (a.currency !== security.currency) violate(violations, step, a, 'currency', `traded in ${a.currency}, the security trades in ${security.currency}`);
    const off = a.valueEur - value;
    if (!((off < 0 ? -off : off) <= VALUE_SLACK)) {
      violate(violations, step, a, 'value', `valueEur ${a.valueEur.toFixed(2)} is not quantity × price / rate = ${value.toFixed(2)}`);
    }
    const position = held.get(a.symbol) ?? ctx.positionsBySymbol.get(a.symbol)?.quantity ?? 0;
    const lot = security.minLot >= 1 ? security.minLot : Math.max(1, security.minLot);
    const cost = ctx.transactionCostFixed + (value < 0 ? -value : value) * ctx.transactionCostPercent;
    costsEur += cost;
    const taken = costsDeducted ? cost : 0;
    if (a.side === 'BUY') {
      if (!security.allowBuy || !ctx.allowBuy) violate(violations, step, a, 'flags', 'buying is not allowed');
      if (a.quantity % lot !== 0) violate(violations, step, a, 'lot', `not a multiple of the board lot ${lot}`);
      held.set(a.symbol, position + a.quantity);
      cashEur -= value + taken;
      addCash(cashAfter, security.currency, -(a.quantity * a.price));
    } else {
      if (!security.allowSell || !ctx.allowSell) violate(violations, step, a, 'flags', 'selling is not allowed');
      if (a.quantity > position) violate(violations, step, a, 'held', `sells more than the ${position} held`);
      if (a.quantity % lot !== 0 && a.quantity !== position) violate(violations, step, a, 'lot', `not a multiple of the board lot ${lot} nor the whole position`);
      held.set(a.symbol, position - a.quantity);
      cashEur += value - taken;
      addCash(cashAfter, security.currency, a.quantity * a.price);
    }
    if (taken > 0) addCash(cashAfter, base, -taken);
    if (cashEur < -CASH_SLACK) violate(violations, step, a, 'cash', `needs ${(-cashEur).toFixed(2)} EUR more cash than the plan has${costsDeducted ? ' (costs included)' : ''}`);
  }
  // The numbers are written after the literal (NumbersPending, @planner/context).
  const verdict: NumbersPending<PlanExecution> = {
    executable: violations.length === 0,
    violations,
    cashAfter,
    cashAfterEur: null,
    costsEur: null,
    costsDeducted,
    quirks: input.quirks === undefined ? executabilityQuirks(compat) : [...input.quirks],
  };
  verdict.cashAfterEur = cashEur;
  verdict.costsEur = costsEur;
  return verdict as PlanExecution;
}

/**
 * Adds `amount` to the balance of `currency`, an own key of `balances` whatever
 * its name. A name Object.prototype also has is read as an own key only and
 * defined, not assigned: `balances.__proto__ = x` would set the prototype, and
 * an absent `constructor` would read as Object's function (a NaN balance). The
 * common name takes the plain path (an object without a prototype, the other
 * way to keep such names, costs every plan ten times as much to build).
 */
function addCash(balances: Record<string, number>, currency: string, amount: number): void {
  if (!(currency in Object.prototype)) {
    balances[currency] = (balances[currency] ?? 0) + amount;
    return;
  }
  const before = Object.hasOwn(balances, currency) ? balances[currency]! : 0;
  Object.defineProperty(balances, currency, { value: before + amount, writable: true, enumerable: true, configurable: true });
}

function violate(violations: PlanViolation[], step: number, a: Sequence[number], rule: PlanViolation['rule'], message: string): void {
  violations.push({ step, rule, message: `step ${step} ${a.side} ${a.quantity} ${a.symbol}: ${message}` });
}

/** True when every executability switch is off: a plan that fails the check is then a bug, not a reproduced quirk. */
export function isExecutableProfile(compat: CompatSwitches): boolean {
  return executabilityQuirks(compat).length === 0;
}
