import type { Plan } from '@planner/contracts';
import { camelToSnake } from '@planner/config';
import { pyFixed } from '@planner/context';

/** Left- or right-aligned text columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function signed(n: number, digits: number): string {
  return `${n >= 0 ? '+' : ''}${pyFixed(n, digits)}`;
}

/**
 * The end-state components of the winner's breakdown (pipeline.md §4.2):
 * each component's score and weight, then the cost penalty when there was one.
 */
function endStateComponents(breakdown: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(breakdown)) {
    if (typeof value !== 'object' || value === null || !('weight' in value)) continue;
    const c = value as { weighted_score?: unknown; score?: unknown; weight?: unknown };
    const score = typeof c.weighted_score === 'number' ? c.weighted_score : c.score;
    if (typeof score !== 'number' || typeof c.weight !== 'number') continue;
    parts.push(`${key.replaceAll('_', ' ')} ${pyFixed(score, 3)} x${pyFixed(c.weight, 2)}`);
  }
  const cost = breakdown.transaction_cost as { total_cost_eur?: unknown; cost_penalty?: unknown } | undefined;
  if (cost && typeof cost.total_cost_eur === 'number' && typeof cost.cost_penalty === 'number') {
    parts.push(`costs EUR ${pyFixed(cost.total_cost_eur, 2)} (penalty ${pyFixed(cost.cost_penalty, 4)})`);
  }
  return parts.join(', ');
}

/**
 * Whether the steps can be sent to a broker as shown (the planner's check at
 * true values, issue 13): the cash left per currency and the costs, or the
 * first violations; a parity run also names the reference quirks it reproduced.
 */
export function executionLines(plan: Plan): string[] {
  const e = plan.execution;
  if (e === undefined) return [];
  const balances = Object.entries(e.cashAfter);
  const fx = balances.some(([, v]) => v < 0) ? ' (a negative one is exchanged from the others)' : '';
  const cash = `${balances.map(([c, v]) => `${c} ${pyFixed(v, 2)}`).join(', ') || 'none'}${fx}`;
  const costs = `costs EUR ${pyFixed(e.costsEur, 2)}${e.costsDeducted ? ' (paid from cash)' : ' (not deducted from cash)'}`;
  const out: string[] = [];
  if (e.executable) {
    out.push(`Executable as shown: yes; cash after the last step ${cash}, EUR ${pyFixed(e.cashAfterEur, 2)} over the reserve; ${costs}`);
  } else {
    const shown = e.violations.slice(0, 3).map((v) => v.message).join('; ');
    const more = e.violations.length > 3 ? `; and ${e.violations.length - 3} more` : '';
    out.push(`Executable as shown: NO: ${shown}${more}; cash after the last step ${cash}; ${costs}`);
  }
  if (e.quirks.length > 0) out.push(`Reproduces reference quirks ([compat]): ${e.quirks.map(camelToSnake).join(', ')}`);
  return out;
}

/** The plan as a user reads it: steps, scores, funnel, time. */
export function formatPlan(plan: Plan, label: string): string {
  const out: string[] = [`Plan for ${label} (config ${plan.configName}, seed ${plan.seed})`, ''];
  if (plan.steps.length === 0) {
    out.push('No steps.');
  } else {
    const rows = plan.steps.map((s) => [
      String(s.stepNumber), s.side, s.symbol, String(s.quantity), `${pyFixed(s.price, 2)} ${s.currency}`,
      pyFixed(s.valueEur, 2), s.reason,
    ]);
    out.push(table(['step', 'side', 'symbol', 'quantity', 'price', 'value EUR', 'reason'], rows, new Set([0, 3, 4, 5])));
  }
  out.push('', plan.narrative, '');
  out.push(`Score: ${pyFixed(plan.currentScore, 2)} -> ${pyFixed(plan.endStateScore, 2)} (${signed(plan.improvement, 2)})`);
  const b = plan.currentBreakdown;
  out.push(`  current: diversification ${pyFixed(b.diversification, 1)}, dividend ${pyFixed(b.dividend, 1)}, quality ${pyFixed(b.quality, 1)}, total ${pyFixed(b.total, 1)}`);
  const before = endStateComponents(plan.currentScoreBreakdown ?? {});
  if (before) out.push(`  current, scored as an end state: ${before}`);
  const after = endStateComponents(plan.scoreBreakdown);
  if (after) out.push(`  end state: ${after}`);
  out.push(`Cash: required ${pyFixed(plan.cashRequired, 2)}, generated ${pyFixed(plan.cashGenerated, 2)}, available ${pyFixed(plan.availableCashEur, 2)} EUR; feasible ${plan.feasible}`);
  out.push(...executionLines(plan));
  const f = plan.funnel;
  out.push(`Funnel: opportunities ${f.opportunities} -> sequences ${f.generated} -> unique ${f.afterDedup} -> filtered ${f.afterFilters} -> feasible ${f.feasible} -> evaluated ${f.evaluated}`);
  const times = Object.entries(plan.timings);
  const total = plan.timings.total ?? times.reduce((s, [, v]) => s + v, 0);
  // per-module times are in --json; the summary shows the stages
  const parts = times.filter(([k]) => k !== 'total' && !k.includes(':')).map(([k, v]) => `${k} ${pyFixed(v, 1)}`);
  out.push(`Time: ${pyFixed(total, 1)} ms${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`);
  for (const d of plan.diagnostics) out.push(`${d.level}: ${d.module ? `${d.module}: ` : ''}${d.message}`);
  return `${out.join('\n')}\n`;
}
