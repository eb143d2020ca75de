import type { Plan } from '@planner/contracts';
import { chartSpecs } from './charts.js';
import { escapeHtml as e } from './escape.js';
import { cashByCurrency, componentChanges, funnelStages, splitTimings } from './figures.js';
import type { ReportConfig } from './input.js';
import { formatNumber as n } from './numbers.js';

type Cell = string | number;

/** A table whose cells are escaped here; `numeric` columns align right. */
function table(caption: string, head: readonly string[], rows: readonly (readonly Cell[])[], options: { numeric?: readonly number[]; rowAttr?: string } = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const th = head.map((h, i) => `<th scope="col"${numeric.has(i) ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = rows.length === 0
    ? `<tr><td colspan="${head.length}" class="empty">none</td></tr>`
    : rows.map((row) => `<tr${options.rowAttr ? ` class="${options.rowAttr}"` : ''}>${row.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${e(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function figure(id: string, title: string): string {
  return `<figure class="chart"><div class="chart-box"><canvas id="${e(id)}" role="img" aria-label="${e(title)}"></canvas></div><figcaption>${e(title)}</figcaption></figure>`;
}

const show = (v: unknown) => (v === undefined ? '(absent)' : typeof v === 'string' ? v : JSON.stringify(v));
const yesNo = (v: boolean) => (v ? 'yes' : 'no');

function summary(plan: Plan): string {
  const ex = plan.execution;
  const rows: Cell[][] = [
    ['current score', n(plan.currentScore, 1)],
    ['end-state score', n(plan.endStateScore)],
    ['improvement', n(plan.improvement)],
    ['cash required (EUR)', n(plan.cashRequired)],
    ['cash generated (EUR)', n(plan.cashGenerated)],
    ['available cash (EUR)', n(plan.availableCashEur)],
    ['feasible', yesNo(plan.feasible)],
    ...(ex ? [['executable as shown', yesNo(ex.executable)], ['transaction costs (EUR)', n(ex.costsEur)]] as Cell[][] : []),
    ['seed', plan.seed],
  ];
  return `<section id="summary"><h2>Summary</h2><p class="narrative">${e(plan.narrative)}</p>${table('The plan in figures', ['figure', 'value'], rows, { numeric: [1] })}</section>`;
}

function steps(plan: Plan): string {
  const rows = plan.steps.map((s) => [
    s.stepNumber, s.side, s.symbol, s.name, n(s.quantity, 0), `${n(s.price)} ${s.currency}`, n(s.valueEur), s.reason, s.narrative,
  ]);
  return `<section id="steps"><h2>Steps</h2>${table(`${plan.steps.length} step(s), in order`, ['#', 'side', 'symbol', 'name', 'quantity', 'price', 'value (EUR)', 'reason', 'narrative'], rows, { numeric: [0, 4, 5, 6], rowAttr: 'step' })}</section>`;
}

function score(plan: Plan, charts: boolean): string {
  const [scoreChart, componentChart] = chartSpecs(plan);
  const opt = (v: number | undefined, digits: number) => (v === undefined ? '' : n(v, digits));
  const components = componentChanges(plan).map((c) => [
    c.name, n(c.weight), opt(c.before?.score, 3), opt(c.after?.score, 3), opt(c.before?.contribution, 3), opt(c.after?.contribution, 3),
    c.before === undefined || c.after === undefined ? '' : n(c.after.contribution - c.before.contribution, 3),
  ]);
  const caption = plan.steps.length === 0
    ? 'Components of the evaluator\'s score (0..1): no steps, so the end state is the current portfolio'
    : 'Components of the evaluator\'s score (0..1): the current portfolio before, the end state after';
  const b = plan.currentBreakdown;
  const health = [['diversification', n(b.diversification, 1)], ['dividend', n(b.dividend, 1)], ['quality', n(b.quality, 1)], ['total', n(b.total, 1)]];
  return `<section id="score"><h2>Score before and after</h2>` +
    (charts && scoreChart && componentChart ? `<div class="charts">${figure(scoreChart.id, scoreChart.title)}${figure(componentChart.id, componentChart.title)}</div>` : '') +
    `<div class="tables">${table(caption, ['component', 'weight', 'score before', 'score after', 'contribution before', 'contribution after', 'change'], components, { numeric: [1, 2, 3, 4, 5, 6], rowAttr: 'component' })}` +
    `${table('Before: health of the current holdings (0..100), the plan\'s current score', ['component', 'score'], health, { numeric: [1] })}</div></section>`;
}

function funnel(plan: Plan, charts: boolean): string {
  const chart = chartSpecs(plan)[2];
  const byModule = (record: Readonly<Record<string, number>>) => Object.entries(record).map(([k, v]) => [k, v]);
  return `<section id="funnel"><h2>Funnel</h2>` +
    (charts && chart ? figure(chart.id, chart.title) : '') +
    `<div class="tables">${table('Stages', ['stage', 'count'], funnelStages(plan).map((s) => [s.stage, s.count]), { numeric: [1] })}` +
    `${table('Opportunities by calculator', ['calculator', 'opportunities'], byModule(plan.funnel.opportunitiesByModule), { numeric: [1] })}` +
    `${table('Sequences by pattern or generator', ['module', 'sequences'], byModule(plan.funnel.sequencesByModule), { numeric: [1] })}</div></section>`;
}

function cash(plan: Plan): string {
  const rows = cashByCurrency(plan).map((c) => [c.currency, n(c.cashIn), n(c.cashOut), n(c.cashIn - c.cashOut), c.after === undefined ? '' : n(c.after)]);
  return `<section id="cash"><h2>Cash in and out per currency</h2>${table('Native units; sells bring cash in, buys take it out', ['currency', 'in (sells)', 'out (buys)', 'net', 'after the plan'], rows, { numeric: [1, 2, 3, 4] })}</section>`;
}

function timings(plan: Plan): string {
  const { stages, modules } = splitTimings(plan);
  const rows = (list: [string, number][]) => list.map(([k, ms]) => [k, n(ms, 3)]);
  return `<section id="timings"><h2>Timings</h2><div class="tables">${table('Per stage (ms)', ['stage', 'ms'], rows(stages), { numeric: [1] })}` +
    `${table('Per module (ms)', ['module', 'ms'], rows(modules), { numeric: [1] })}</div></section>`;
}

function configuration(config: ReportConfig): string {
  const facts = [['name', config.name], ['source', config.source], ['compared with preset', config.basePreset]];
  const changes = config.changes.map((c) => [c.path, show(c.before), show(c.after)]);
  return `<section id="configuration"><h2>Configuration</h2>${table('Where it comes from', ['what', 'value'], facts)}` +
    `${table(`Settings that differ from the preset '${config.basePreset}'`, ['setting', config.basePreset, 'this configuration'], changes)}</section>`;
}

function diagnostics(plan: Plan): string {
  if (plan.diagnostics.length === 0) return '';
  const rows = plan.diagnostics.map((d) => [d.level, d.module ?? '', d.message]);
  return `<section id="diagnostics"><h2>Diagnostics</h2>${table('What the planner noticed', ['level', 'module', 'message'], rows)}</section>`;
}

/**
 * The report's sections as an HTML fragment: every string escaped, every
 * figure also a plain table. With `charts`, a <canvas> per chart of
 * chartSpecs() is included for the caller to draw on.
 */
export function reportSections(plan: Plan, config: ReportConfig, options: { charts: boolean }): string {
  return [summary(plan), steps(plan), score(plan, options.charts), funnel(plan, options.charts), cash(plan), timings(plan), configuration(config), diagnostics(plan)]
    .filter((s) => s !== '').join('\n');
}
