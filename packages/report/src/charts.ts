import type { Plan } from '@planner/contracts';
import { type ScoreComponent, componentChanges, funnelStages } from './figures.js';

/** A Chart.js configuration made of data only (no callbacks), so it can be inlined as JSON. */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly config: {
    readonly type: 'bar';
    readonly data: { readonly labels: string[]; readonly datasets: Record<string, unknown>[] };
    readonly options: Record<string, unknown>;
  };
}

const PALETTE = ['#2f6fb0', '#e08a2c', '#3a9a5b', '#b8473f', '#7a5cb0', '#8a6d3b', '#3aa0a8', '#c45c9a'];
const round = (v: number, d = 2) => Number(v.toFixed(d));

/** No animation: the charts must be complete at once for printing and screenshots. */
function options(extra: Record<string, unknown>): Record<string, unknown> {
  return { animation: false, responsive: true, maintainAspectRatio: false, ...extra };
}

/**
 * The charts of a plan: the score before and after (the health score, then
 * the current portfolio and the end state stacked by weighted component), each
 * component's weighted contribution before and after, and the funnel.
 */
export function chartSpecs(plan: Plan): ChartSpec[] {
  const changes = componentChanges(plan);
  const hasBefore = changes.some((c) => c.before !== undefined);
  const specs: ChartSpec[] = [];
  const contribution = (c?: ScoreComponent) => (c === undefined ? null : round(c.contribution * 100));
  specs.push({
    id: 'chart-score',
    title: 'Score before and after (0..100; the evaluator\'s score stacked by weighted component)',
    config: {
      type: 'bar',
      data: {
        labels: ['before: health score', ...(hasBefore ? ['before: current holdings'] : []), 'after: end state'],
        datasets: [
          { label: 'health score (currentScore)', data: [plan.currentScore, ...(hasBefore ? [null] : []), null], backgroundColor: '#9aa4ae' },
          ...changes.map((c, i) => ({
            label: `${c.name} × ${c.weight}`,
            data: [null, ...(hasBefore ? [contribution(c.before)] : []), contribution(c.after)],
            backgroundColor: PALETTE[i % PALETTE.length],
          })),
        ],
      },
      options: options({
        indexAxis: 'y',
        scales: { x: { stacked: true, beginAtZero: true, title: { display: true, text: 'score' } }, y: { stacked: true } },
      }),
    },
  });
  specs.push({
    id: 'chart-components',
    title: 'Components before and after, weighted (contribution × 100)',
    config: {
      type: 'bar',
      data: {
        labels: changes.map((c) => `${c.name} (weight ${c.weight})`),
        datasets: [
          { label: 'before: current holdings', data: changes.map((c) => contribution(c.before)), backgroundColor: '#9ec1e6' },
          { label: 'after: end state', data: changes.map((c) => contribution(c.after)), backgroundColor: '#2f6fb0' },
        ],
      },
      options: options({ indexAxis: 'y', scales: { x: { beginAtZero: true } } }),
    },
  });
  const stages = funnelStages(plan);
  specs.push({
    id: 'chart-funnel',
    title: 'Funnel: from opportunities to evaluated sequences',
    config: {
      type: 'bar',
      data: {
        labels: stages.map((s) => s.stage),
        datasets: [{ label: 'count', data: stages.map((s) => s.count), backgroundColor: '#3a9a5b' }],
      },
      options: options({ indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } }),
    },
  });
  return specs;
}
