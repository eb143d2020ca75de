import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '@planner/contracts';
import {
  cashByCurrency, chartSpecs, componentChanges, currentScoreComponents, escapeHtml, renderReport, reportSections, scoreComponents, scriptJson,
  type ReportConfig,
} from '../src/index.js';

const EVIL = `<script>alert("x")</script>&'`;

function step(stepNumber: number, side: 'BUY' | 'SELL', symbol: string, currency: string, quantity: number, price: number, text = 'reason'): PlanStep {
  return {
    stepNumber, side, symbol, name: `${symbol} Inc`, quantity, price, currency, valueEur: quantity * price,
    reason: text, narrative: `narrative of ${text}`, tags: [], isWindfall: false, isAveragingDown: false,
  };
}

function planWith(steps: PlanStep[], extra: Partial<Plan> = {}): Plan {
  return {
    steps, currentScore: 68.4, endStateScore: 70.2, improvement: 1.8, cashRequired: 646, cashGenerated: 814, feasible: true,
    narrative: 'the plan narrative', availableCashEur: 5500,
    currentBreakdown: { diversification: 72.7, dividend: 60.6, quality: 70.5, total: 68.4 },
    scoreBreakdown: {
      total_return: { weighted_score: 0.932, weight: 0.35, contribution: 0.326 },
      diversification: { score: 0.459, weight: 0.25, contribution: 0.115 },
      end_state_score: 0.702,
      risk_profile: 'balanced',
    },
    funnel: { opportunities: 29, opportunitiesByModule: { profit_taking: 4 }, generated: 198, sequencesByModule: { direct_buy: 5 }, afterDedup: 121, afterFilters: 50, feasible: 50, evaluated: 45 },
    timings: { context: 1.5, 'calculator:profit_taking': 0.25, generation: 3, total: 5 },
    diagnostics: [], seed: 7, configName: 'default',
    execution: { executable: true, violations: [], cashAfter: { EUR: 100, USD: -5 }, cashAfterEur: 90, costsEur: 2, costsDeducted: true, quirks: [] },
    ...extra,
  };
}

const CONFIG: ReportConfig = { name: 'default', source: "preset 'default'", basePreset: 'default', changes: [] };

describe('escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close a script element', () => {
    const text = scriptJson({ label: '</script><script>alert(1)</script>\u2028' });
    expect(text).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(text)).toEqual({ label: '</script><script>alert(1)</script>\u2028' });
  });

  it('no string of the plan or the configuration reaches the page as markup', () => {
    const plan = planWith([step(1, 'SELL', EVIL, EVIL, 1, 10, EVIL)], {
      narrative: EVIL,
      diagnostics: [{ level: 'warning', module: EVIL, message: EVIL }],
      funnel: { opportunities: 1, opportunitiesByModule: { [EVIL]: 1 }, generated: 1, sequencesByModule: { [EVIL]: 1 }, afterDedup: 1, afterFilters: 1, feasible: 1, evaluated: 1 },
      timings: { [EVIL]: 1, [`calculator:${EVIL}`]: 2 },
      scoreBreakdown: { [EVIL]: { score: 0.5, weight: 1, contribution: 0.5 } },
      currentScoreBreakdown: { [`${EVIL}2`]: { score: 0.5, weight: 1, contribution: 0.5 } },
    });
    const config: ReportConfig = { name: EVIL, source: EVIL, basePreset: EVIL, changes: [{ path: EVIL, before: EVIL, after: { [EVIL]: EVIL } }] };
    const html = renderReport({ plan, config, snapshotName: EVIL, chartLibrary: '/* chart library */' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('"x")</script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    // The only script elements are the chart specs, the library and the drawing code.
    expect(html.match(/<script/g)).toHaveLength(3);
  });

  it('a chart library containing </script> cannot end its element early', () => {
    const html = renderReport({ plan: planWith([]), config: CONFIG, chartLibrary: 'var s = "</script><b>";' });
    expect(html).toContain('var s = "<\\/script><b>";');
  });
});

describe('the report', () => {
  const plan = planWith([step(1, 'SELL', 'ROG.EU', 'EUR', 3, 271.4), step(2, 'BUY', 'V.US', 'USD', 1, 316.7), step(3, 'BUY', 'OR.EU', 'EUR', 1, 330)]);

  it('has one table row per step, in order, with the narratives', () => {
    const html = renderReport({ plan, config: CONFIG });
    const rows = html.match(/<tr class="step">.*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => /<td class="num">(\d+)<\/td>/.exec(r)?.[1])).toEqual(['1', '2', '3']);
    expect(rows[1]).toContain('V.US');
    expect(rows[1]).toContain('narrative of reason');
  });

  it('has every section, each with a heading', () => {
    const html = renderReport({ plan, config: CONFIG, chartLibrary: '' });
    for (const id of ['summary', 'steps', 'score', 'funnel', 'cash', 'timings', 'configuration']) {
      expect(html).toMatch(new RegExp(`<section id="${id}"><h2>`));
    }
    expect(html).not.toContain('<section id="diagnostics">');
    expect(html).toContain('@media print');
  });

  it('loads nothing from the network: a CSP forbids it and there is no src or href', () => {
    const html = renderReport({ plan, config: CONFIG, chartLibrary: '/* lib */' });
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(?:src|href)=/);
  });

  it('has a canvas per chart with the library, and only tables without it', () => {
    const withCharts = renderReport({ plan, config: CONFIG, chartLibrary: '/* lib */' });
    const tablesOnly = renderReport({ plan, config: CONFIG });
    for (const spec of chartSpecs(plan)) {
      expect(withCharts).toContain(`<canvas id="${spec.id}"`);
      expect(tablesOnly).not.toContain(`<canvas id="${spec.id}"`);
    }
    expect(tablesOnly).not.toContain('<script');
  });

  it('shows the settings that differ from the base preset', () => {
    const config: ReportConfig = { name: 'mine', source: 'mine.toml', basePreset: 'aggressive', changes: [{ path: 'planner.max_depth', before: 7, after: 3 }] };
    const html = reportSections(plan, config, { charts: false });
    expect(html).toContain('<tr><td>planner.max_depth</td><td>7</td><td>3</td></tr>');
    expect(html).toContain('<th scope="col">aggressive</th>');
  });
});

describe('the figures', () => {
  it('takes the weighted components of the end state, score or weighted_score', () => {
    expect(scoreComponents(planWith([]))).toEqual([
      { name: 'total_return', score: 0.932, weight: 0.35, contribution: 0.326 },
      { name: 'diversification', score: 0.459, weight: 0.25, contribution: 0.115 },
    ]);
  });

  it('adds cash in and out per currency and takes the balance after from the execution check', () => {
    const plan = planWith([step(1, 'SELL', 'A', 'EUR', 2, 10), step(2, 'BUY', 'B', 'USD', 1, 5), step(3, 'BUY', 'C', 'EUR', 1, 4)]);
    expect(cashByCurrency(plan)).toEqual([
      { currency: 'EUR', cashIn: 20, cashOut: 4, after: 100 },
      { currency: 'USD', cashIn: 0, cashOut: 5, after: -5 },
    ]);
  });

  it('reads currencies named like built-ins as data: an own __proto__ balance is shown, an absent toString one is absent', () => {
    // as JSON.parse gives it: `__proto__` an own key, `toString` and `constructor` not keys at all
    const cashAfter = JSON.parse('{"EUR":100,"__proto__":-7}') as Record<string, number>;
    const plan = planWith(
      [step(1, 'BUY', 'A', '__proto__', 1, 7), step(2, 'SELL', 'B', 'toString', 1, 3), step(3, 'BUY', 'C', 'constructor', 1, 2)],
      { execution: { executable: true, violations: [], cashAfter, cashAfterEur: 90, costsEur: 2, costsDeducted: true, quirks: [] } },
    );
    expect(cashByCurrency(plan)).toEqual([
      { currency: 'EUR', cashIn: 0, cashOut: 0, after: 100 },
      { currency: '__proto__', cashIn: 0, cashOut: 7, after: -7 },
      { currency: 'constructor', cashIn: 0, cashOut: 2 },
      { currency: 'toString', cashIn: 3, cashOut: 0 },
    ]);
    const html = renderReport({ plan, config: CONFIG });
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('function');
    for (const currency of ['__proto__', 'constructor', 'toString']) expect(html).toContain(`<td>${currency}</td>`);
  });

  it('stacks the end state by weighted component, summing to the contributions', () => {
    const [score] = chartSpecs(planWith([]));
    expect(score?.config.data.labels).toEqual(['before: health score', 'after: end state']);
    const after = score?.config.data.datasets.slice(1).map((d) => (d.data as (number | null)[])[1]);
    expect(after).toEqual([32.6, 11.5]);
    expect(score?.config.data.datasets[0]?.data).toEqual([68.4, null]);
  });
});

describe('the score before and after, per component', () => {
  const current = {
    total_return: { weighted_score: 0.8, weight: 0.35, contribution: 0.28 },
    diversification: { score: 0.684, weight: 0.25, contribution: 0.171 },
    stability: { weighted_score: 0.6, weight: 0.15, contribution: 0.09 },
    end_state_score: 0.541,
    multi_objective: { end_score: 0.541 },
  };
  const plan = planWith([step(1, 'BUY', 'V.US', 'USD', 1, 316.7)], { currentScoreBreakdown: current });

  it('pairs each component of the current portfolio with the end state\'s, the end state\'s order first', () => {
    expect(componentChanges(plan)).toEqual([
      { name: 'total_return', weight: 0.35, after: { name: 'total_return', score: 0.932, weight: 0.35, contribution: 0.326 }, before: { name: 'total_return', score: 0.8, weight: 0.35, contribution: 0.28 } },
      { name: 'diversification', weight: 0.25, after: { name: 'diversification', score: 0.459, weight: 0.25, contribution: 0.115 }, before: { name: 'diversification', score: 0.684, weight: 0.25, contribution: 0.171 } },
      { name: 'stability', weight: 0.15, before: { name: 'stability', score: 0.6, weight: 0.15, contribution: 0.09 } },
    ]);
    expect(currentScoreComponents(plan).map((c) => c.name)).toEqual(['total_return', 'diversification', 'stability']);
  });

  it('charts before and after data for every component, weighted', () => {
    const [score, components] = chartSpecs(plan);
    expect(score?.config.data.labels).toEqual(['before: health score', 'before: current holdings', 'after: end state']);
    expect(score?.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['health score (currentScore)', [68.4, null, null]],
      ['total_return × 0.35', [null, 28, 32.6]],
      ['diversification × 0.25', [null, 17.1, 11.5]],
      ['stability × 0.15', [null, 9, null]],
    ]);
    expect(components?.config.data.labels).toEqual(['total_return (weight 0.35)', 'diversification (weight 0.25)', 'stability (weight 0.15)']);
    expect(components?.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['before: current holdings', [28, 17.1, 9]],
      ['after: end state', [32.6, 11.5, null]],
    ]);
  });

  it('a plan without steps shows the current portfolio on both sides', () => {
    const none = planWith([], { scoreBreakdown: {}, currentScoreBreakdown: current });
    const [, components] = chartSpecs(none);
    expect(components?.config.data.datasets.map((d) => d.data)).toEqual([[28, 17.1, 9], [28, 17.1, 9]]);
    const html = reportSections(none, CONFIG, { charts: false });
    expect(html).toContain('no steps, so the end state is the current portfolio');
    expect(html.match(/<tr class="component">/g)).toHaveLength(3);
  });

  it('tables every component with its weight, score and contribution before and after, and the change', () => {
    const html = reportSections(plan, CONFIG, { charts: false });
    const rows = html.match(/<tr class="component">.*?<\/tr>/g) ?? [];
    const cells = (row: string) => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(rows.map(cells)).toEqual([
      ['total_return', '0.35', '0.800', '0.932', '0.280', '0.326', '0.046'],
      ['diversification', '0.25', '0.684', '0.459', '0.171', '0.115', '-0.056'],
      ['stability', '0.15', '0.600', '', '0.090', '', ''],
    ]);
  });

  it('without the breakdown of the current portfolio (a plan from before it existed) only the end state is charted', () => {
    const [score, components] = chartSpecs(planWith([step(1, 'BUY', 'V.US', 'USD', 1, 316.7)]));
    expect(score?.config.data.labels).toEqual(['before: health score', 'after: end state']);
    expect(components?.config.data.datasets[0]?.data).toEqual([null, null]);
  });
});
