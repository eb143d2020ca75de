import { candidatesEqual, pyFixed } from '@planner/context';
import { defineSequenceGenerator } from '@planner/contracts';
import type { ActionCandidate, Sequence } from '@planner/contracts';
import * as z from 'zod/mini';
import { uniqueSequences } from './candidate-identity.js';
import { flatOpportunities } from './flat-opportunities.js';
import { type Resizing, resized, resizingOf } from './resize.js';

export const constraintRelaxationParams = z.object({
  mode: z._default(z.enum(['budget', 'lot']), 'budget'),
  budgetFactors: z._default(z.array(z.number().check(z.positive())), [1.1, 1.2, 1.3]),
  heldBuyMultiplier: z._default(z.number().check(z.positive()), 1.5),
  relaxAllowSell: z._default(z.boolean(), true),
  relaxMinLot: z._default(z.boolean(), true),
  relaxMaxPosition: z._default(z.boolean(), false),
  relaxCooldown: z._default(z.boolean(), false),
  minSharesRelaxed: z._default(z.number().check(z.minimum(0)), 0.1),
  dedupe: z._default(z.boolean(), false),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const constraintRelaxationParamDocs = {
  mode: 'budget: copies of in-budget sequences and enlarged buys of held symbols (monolith); lot: fractional lots and reversed pairs (modular module)',
  budgetFactors: 'budget mode: relaxed cash multiples',
  heldBuyMultiplier: 'budget mode: size factor of a buy of a held symbol',
  relaxAllowSell: 'lot mode: sell singletons and buy-then-sell pairs',
  relaxMinLot: 'lot mode: 50/25/10 % lots',
  relaxMaxPosition: 'documented by the reference, read by nothing',
  relaxCooldown: 'documented by the reference, read by nothing',
  minSharesRelaxed: 'lot mode: smallest fractional quantity emitted',
  dedupe: 'emit each distinct sequence once; false reproduces the reference, whose copies count in the beam search',
};

const LOT_FRACTIONS = [0.5, 0.25, 0.1] as const;
/** Lot mode pairs only the first few buys and sells, as the reference does. */
const PAIR_LIMIT = 5;

/**
 * Budget mode (spec §4.2, `_generate_constraint_relaxation_scenarios`). Per
 * sequence: one unchanged copy per factor whose budget covers the buys (only
 * when the plain budget does: reference quirk, the factors relax nothing);
 * then, per BUY of a held symbol in action order, the sequence with every
 * action value-equal to it enlarged. Reads `sequences` up to `count` only.
 * Eager: the planner drains generators at once anyway, and an array is about
 * twice as fast as a generator for these thousands of short sequences.
 */
export function budgetRelaxations(
  sequences: readonly Sequence[],
  count: number,
  availableCashEur: number,
  isHeld: (symbol: string) => boolean,
  factors: readonly number[],
  multiplier: number,
  resizing?: Resizing,
): Sequence[] {
  const out: Sequence[] = [];
  // The same candidate objects recur across sequences: decide and enlarge each
  // BUY once per call (candidates are immutable values, so sharing the enlarged
  // one is invisible); null: not held, or no whole lot.
  const enlarged = new Map<ActionCandidate, ActionCandidate | null>();
  // Indexed loops only: a first plan runs this over thousands of sequences in
  // the interpreter, where a for-of iteration costs several indexed ones.
  for (let i = 0; i < count; i++) {
    const seq = sequences[i] as Sequence;
    const n = seq.length;
    let need = 0;
    for (let j = 0; j < n; j++) {
      const a = seq[j] as ActionCandidate;
      if (a.side === 'BUY') need += a.valueEur;
    }
    if (need <= availableCashEur) {
      for (let f = 0; f < factors.length; f++) if (need <= availableCashEur * (factors[f] as number)) out.push(seq.slice());
    }
    for (let j = 0; j < n; j++) {
      const a = seq[j] as ActionCandidate;
      if (a.side !== 'BUY') continue;
      let relaxed = enlarged.get(a);
      if (relaxed === undefined) {
        // Without resizing `resized` never returns null; with it, no whole lot means no variant.
        const size = isHeld(a.symbol) ? resized(a, a.quantity * multiplier, multiplier, resizing) : null;
        relaxed = size === null ? null : { ...a, quantity: size.quantity, valueEur: size.valueEur, reason: `${a.reason} (relaxed)` };
        enlarged.set(a, relaxed);
      }
      if (relaxed === null) continue;
      const copy = seq.slice();
      for (let k = 0; k < n; k++) {
        const c = copy[k] as ActionCandidate;
        // candidatesEqual is false for another symbol: the symbol test spares the call.
        if (c === a || (c.symbol === a.symbol && candidatesEqual(c, a))) copy[k] = relaxed;
      }
      out.push(copy);
    }
  }
  return out;
}

/** Lot mode (spec §4.3, modular module): sell singletons, fractional lots, reversed pairs. */
export function* lotRelaxations(
  opportunities: readonly ActionCandidate[],
  relaxAllowSell: boolean,
  relaxMinLot: boolean,
  minSharesRelaxed: number,
  resizing?: Resizing,
): Generator<Sequence> {
  const sells = opportunities.filter((o) => o.side === 'SELL');
  const buys = opportunities.filter((o) => o.side === 'BUY');
  if (relaxAllowSell) for (const s of sells) yield [s];
  if (relaxMinLot) {
    for (const opp of opportunities) {
      for (const fraction of LOT_FRACTIONS) {
        const rq = opp.quantity * fraction;
        if (rq < minSharesRelaxed) continue;
        // reference quirk (0-share sells): truncation can give a zero quantity (spec §4.4 R2).
        const size = resized(opp, rq, fraction, resizing);
        if (size === null) continue;
        yield [
          {
            ...opp,
            quantity: size.quantity,
            valueEur: size.valueEur,
            reason: `${opp.reason} [Relaxed lot: ${pyFixed(rq, 2)} shares]`,
            tags: [...opp.tags, 'relaxed_lot'],
          },
        ];
      }
    }
  }
  if (relaxAllowSell && sells.length > 0 && buys.length > 0) {
    for (const b of buys.slice(0, PAIR_LIMIT)) for (const s of sells.slice(0, PAIR_LIMIT)) yield [b, s];
  }
}

/** "What-if" variants that bend a constraint; off by default (monolith flag). */
export const constraintRelaxation = defineSequenceGenerator({
  name: 'constraint_relaxation',
  description: 'What-if variants: in-budget copies and 1.5x buys of held symbols (or fractional lots in lot mode)',
  params: constraintRelaxationParams,
  paramDocs: constraintRelaxationParamDocs,
  stage: 'extend',
  order: 400,
  enabledByDefault: true,
  generate(input, params) {
    const held = input.ctx.positionsBySymbol;
    const source =
      params.mode === 'budget'
        ? budgetRelaxations(
            input.sequences,
            input.sequences.length,
            input.availableCashEur,
            (symbol) => held.has(symbol),
            params.budgetFactors,
            params.heldBuyMultiplier,
            resizingOf(input.ctx),
          )
        : lotRelaxations(flatOpportunities(input.opportunities), params.relaxAllowSell, params.relaxMinLot, params.minSharesRelaxed, resizingOf(input.ctx));
    return params.dedupe ? uniqueSequences(source) : source;
  },
});
