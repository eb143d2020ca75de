import type { ActionCandidate, StepNarrative } from '@planner/contracts';

// The middle sentences of the reference's step narratives (pipeline.md §5.10,
// narrative.py); the planner adds the opening and closing sentences. Each
// calculator recognises its own candidates by the tags it gives them.

/** The region of the first `<prefix>…` tag, upper-cased; Python str.replace removes every occurrence. */
function regionTag(tags: readonly string[], prefix: string): string | null {
  const tag = tags.find((t) => t.startsWith(prefix));
  return tag === undefined ? null : tag.replaceAll(prefix, '').toUpperCase();
}

const reasonOnly = (a: ActionCandidate): StepNarrative => ({ parts: [`Reason: ${a.reason}.`] });

/** profit_taking: windfall sells (its candidates carry both `windfall` and `profit_taking`). */
export function windfallSellNarrative(a: ActionCandidate): StepNarrative | undefined {
  if (a.side !== 'SELL') return undefined;
  if (a.tags.includes('windfall')) {
    return {
      parts: [
        `This position has experienced windfall gains beyond normal growth. ${a.reason}.`,
        'Taking profits locks in gains and frees capital for better opportunities.',
      ],
      theme: 'windfall',
    };
  }
  if (a.tags.includes('profit_taking')) {
    return { parts: [`Reason: ${a.reason}.`, 'This reduces risk by converting paper gains to realized profits.'] };
  }
  return undefined;
}

/** rebalance_sells (and weight-based sells, which carry no region): trims of an overweight region. */
export function rebalanceSellNarrative(a: ActionCandidate): StepNarrative | undefined {
  if (a.side !== 'SELL' || !a.tags.includes('rebalance')) return undefined;
  const region = regionTag(a.tags, 'overweight_');
  if (region === null) return reasonOnly(a);
  return { parts: [`The portfolio is overweight in ${region} region.`, 'Trimming this position improves country diversification.'] };
}

/** averaging_down (and weight-based buys below average cost). */
export function averagingDownNarrative(a: ActionCandidate): StepNarrative | undefined {
  if (a.side !== 'BUY' || !a.tags.includes('averaging_down')) return undefined;
  return {
    parts: [
      'This quality security is temporarily down, presenting an opportunity to lower the average cost basis.',
      `${a.reason}.`,
      'Averaging down on quality dips is a proven long-term strategy.',
    ],
    theme: 'averaging_down',
  };
}

/** rebalance_buys (and weight-based buys, which carry no region): buys in an underweight region. */
export function rebalanceBuyNarrative(a: ActionCandidate): StepNarrative | undefined {
  if (a.side !== 'BUY' || !a.tags.includes('rebalance')) return undefined;
  const region = regionTag(a.tags, 'underweight_');
  if (region === null) return reasonOnly(a);
  return {
    parts: [`The portfolio is underweight in ${region} region.`, 'This purchase improves country diversification and reduces concentration risk.'],
  };
}

/** opportunity_buys: quality buys. */
export function qualityBuyNarrative(a: ActionCandidate): StepNarrative | undefined {
  if (a.side !== 'BUY' || !(a.tags.includes('quality') || a.tags.includes('opportunity'))) return undefined;
  return { parts: [`${a.reason}.`, 'High-quality securities with good fundamentals tend to outperform over the long term.'] };
}

/** weight_based: its buys below average cost are told as averaging down, its other trades by their reason. */
export function weightBasedNarrative(a: ActionCandidate): StepNarrative | undefined {
  return averagingDownNarrative(a) ?? rebalanceSellNarrative(a) ?? rebalanceBuyNarrative(a);
}
