import type { Plan } from '@planner/contracts';
import { funnelStages, scoreComponents } from './figures.js';

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
 * The charts of a plan: the score before and after (the end state stacked by
 * weighted component), each component's score and weighted contribution, and the funnel.
 */
export function chartSpecs(plan: Plan): ChartSpec[] {
  const components = scoreComponents(plan);
  const specs: ChartSpec[] = [];
  specs.push({
    id: 'chart-score',
    title: 'Score before and after (0..100; the end state stacked by weighted component)',
    config: {
      type: 'bar',
      data: {
        labels: ['before: current holdings', 'after: end state'],
        datasets: [
          { label: 'current score', data: [plan.currentScore, null], backgroundColor: '#9aa4ae' },
          ...components.map((c, i) => ({
            label: `${c.name} × ${c.weight}`,
            data: [null, round(c.contribution * 100)],
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
    title: 'End-state components: score and weighted contribution (× 100)',
    config: {
      type: 'bar',
      data: {
        labels: components.map((c) => `${c.name} (weight ${c.weight})`),
        datasets: [
          { label: 'score × 100', data: components.map((c) => round(c.score * 100)), backgroundColor: '#9ec1e6' },
          { label: 'weighted contribution × 100', data: components.map((c) => round(c.contribution * 100)), backgroundColor: '#2f6fb0' },
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
