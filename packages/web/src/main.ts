import Chart from 'chart.js/auto';
import { presetNames, loadPreset, type Sliders } from '@planner/config';
import type { Plan } from '@planner/contracts';
import { REPORT_CSS, chartSpecs, escapeHtml, reportSections, type ReportConfig } from '@planner/report';
import exampleText from 'planner-example-snapshot?raw';
import { standardModules } from './modules.js';
import { planDiff, type StepChange } from './plan-diff.js';
import type { PlanRequest, PlanResponse } from './protocol.js';
import type { PageSettings } from './settings.js';
import { PAGE_CSS } from './style.js';

const SLIDERS: readonly { key: keyof Sliders; label: string; low: string; high: string }[] = [
  { key: 'riskAppetite', label: 'risk appetite', low: 'conservative', high: 'aggressive' },
  { key: 'holdDuration', label: 'hold duration', low: 'quick flips', high: 'patient' },
  { key: 'entryStyle', label: 'entry style', low: 'buy dips', high: 'buy breakouts' },
  { key: 'positionSpread', label: 'position spread', low: 'concentrated', high: 'diversified' },
  { key: 'profitTakingAggressiveness', label: 'profit taking', low: 'let winners run', high: 'take profits early' },
];

/**
 * What a test, the benchmark (or a curious user, from the console) can read:
 * every finished plan, its time in the worker, and the time from the change
 * to the plan drawn on the page.
 */
interface PageState {
  plans: number;
  settings?: PageSettings;
  snapshotName?: string;
  plan?: Plan;
  planMs?: number;
  times: number[];
  /** Per finished plan: the whole answer in the worker (configuration, plan, config diff), ms. */
  workerTimes: number[];
  /** Per finished plan: from the answer's arrival to the report and charts painted, ms. */
  renderTimes: number[];
  /** Per finished plan: from the change (the request sent) to the report and charts painted, ms. */
  roundTrips: number[];
  error?: string;
}
const state: PageState = { plans: 0, times: [], workerTimes: [], renderTimes: [], roundTrips: [] };
(window as unknown as { plannerPage: PageState }).plannerPage = state;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const style = document.createElement('style');
style.textContent = REPORT_CSS + PAGE_CSS;
document.head.append(style);

interface Snapshot { readonly text: string; readonly name: string }
/** The snapshot the plan shown was made from; a file that cannot be planned does not replace it. */
let shown: Snapshot = { text: exampleText, name: 'portfolio.json (the shipped example)' };
let snapshot: Snapshot = shown;
let moved: Partial<Sliders> = {};
let depthChanged = false;

const presetSelect = $<HTMLSelectElement>('preset');
for (const name of presetNames()) presetSelect.add(new Option(name, name, name === 'default', name === 'default'));
const depthInput = $<HTMLInputElement>('max-depth');

for (const s of SLIDERS) {
  const label = document.createElement('label');
  label.innerHTML = `<span>${escapeHtml(s.label)} <output id="out-${s.key}">(preset)</output></span>` +
    `<input type="range" id="slider-${s.key}" min="0" max="1" step="0.05" value="0.5">` +
    `<small>${escapeHtml(s.low)} · ${escapeHtml(s.high)}</small>`;
  $('sliders').append(label);
  const input = label.querySelector('input') as HTMLInputElement;
  input.addEventListener('input', () => {
    moved = { ...moved, [s.key]: Number(input.value) };
    $(`out-${s.key}`).textContent = input.value;
    replan();
  });
}

/** Picking a preset starts from it as shipped: its depth, no slider moved. */
function resetToPreset(): void {
  moved = {};
  depthChanged = false;
  depthInput.value = String(loadPreset(presetSelect.value, { modules: standardModules }).planner.maxDepth);
  for (const s of SLIDERS) {
    ($(`slider-${s.key}`) as HTMLInputElement).value = '0.5';
    $(`out-${s.key}`).textContent = '(preset)';
  }
}

presetSelect.addEventListener('change', () => { resetToPreset(); replan(); });
$('reset-sliders').addEventListener('click', () => { resetToPreset(); replan(); });
depthInput.addEventListener('change', () => { depthChanged = true; replan(); });

function showError(message: string): void {
  state.error = message;
  $('error').textContent = message;
}

async function useFile(file: File): Promise<void> {
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    showError(`Could not read ${file.name}: ${(error as Error).message}. Still showing ${shown.name}.`);
    return;
  }
  snapshot = { text, name: file.name };
  replan();
}
$<HTMLInputElement>('snapshot-file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) void useFile(file);
});
const drop = $('drop-zone');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('dragging');
  const file = e.dataTransfer?.files[0];
  if (file) void useFile(file);
});

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
let lastId = 0;
let last: { readonly snapshot: Snapshot; readonly sentAt: number } | undefined;
let charts: Chart[] = [];

/** Sends the current settings; only the newest request's answer is shown. */
function replan(): void {
  const settings: PageSettings = {
    preset: presetSelect.value,
    sliders: moved,
    ...(depthChanged ? { maxDepth: Number(depthInput.value) } : {}),
  };
  state.settings = settings;
  const request: PlanRequest = { id: ++lastId, snapshotText: snapshot.text, snapshotName: snapshot.name, settings };
  last = { snapshot, sentAt: performance.now() };
  worker.postMessage(request);
}

function changeList(title: string, list: StepChange[], show: (c: StepChange) => string): string {
  return list.length === 0 ? '' : `<li><strong>${escapeHtml(title)}</strong>: ${list.map((c) => escapeHtml(`${c.side} ${c.symbol} ${show(c)}`)).join(', ')}</li>`;
}

function showDiff(before: Plan | undefined, after: Plan): string {
  if (!before) return '<p>First plan: nothing to compare with yet.</p>';
  const d = planDiff(before, after);
  const items = changeList('added', d.added, (c) => `× ${c.after}`) +
    changeList('removed', d.removed, (c) => `× ${c.before}`) +
    changeList('resized', d.resized, (c) => `${c.before} → ${c.after}`);
  return `<p>Since the plan before:</p>${items === '' ? '<p>the same steps.</p>' : `<ul>${items}</ul>`}`;
}

worker.onmessage = ({ data }: MessageEvent<PlanResponse>) => {
  const received = performance.now();
  if (data.id !== lastId || last === undefined) return;
  const request = last;
  if (!data.ok) {
    if (request.snapshot !== shown) {
      // A file that cannot be planned: say why, and go on with the snapshot shown.
      snapshot = shown;
      showError(`Could not use ${request.snapshot.name}: ${data.error}. Still showing ${shown.name}.`);
    } else {
      showError(`Could not plan with these settings: ${data.error}. The plan shown is the one before.`);
    }
    return;
  }
  shown = request.snapshot;
  const before = state.plan;
  state.error = undefined;
  $('error').textContent = '';
  $('snapshot-name').textContent = shown.name;
  state.snapshotName = shown.name;
  state.plan = data.plan;
  state.planMs = data.planMs;
  state.times.push(data.planMs);
  $('diff').innerHTML = showDiff(before, data.plan);
  const config = { name: data.configName, source: `preset '${presetSelect.value}' + sliders`, basePreset: presetSelect.value, changes: data.changes };
  drawReport(data.plan, config);
  $('status').textContent = `Planned in ${data.planMs.toFixed(1)} ms in the worker · ` +
    `${data.plan.steps.length} step(s) · score ${data.plan.currentScore} → ${data.plan.endStateScore}`;
  afterPaint(() => {
    const painted = performance.now();
    const roundTrip = painted - request.sentAt;
    state.workerTimes.push(data.workerMs);
    state.renderTimes.push(painted - received);
    state.roundTrips.push(roundTrip);
    $('status').textContent = `Planned in ${data.planMs.toFixed(1)} ms in the worker, on screen ${roundTrip.toFixed(1)} ms after the change · ` +
      `${data.plan.steps.length} step(s) · score ${data.plan.currentScore} → ${data.plan.endStateScore}`;
    state.plans++;
  });
};

/**
 * The chart figures, kept from one plan to the next: Chart.js takes far
 * longer to build a chart than to redraw it with new data.
 */
let chartFigures: { readonly score: Element; readonly funnel: Element } | undefined;

/** The report's sections for `plan`, with the charts drawn (built once, then given the new data). */
function drawReport(plan: Plan, config: ReportConfig): void {
  const specs = chartSpecs(plan);
  if (chartFigures === undefined) {
    $('report').innerHTML = reportSections(plan, config, { charts: true });
    charts = specs.map((spec) => new Chart($<HTMLCanvasElement>(spec.id), spec.config as never));
    chartFigures = { score: $('score').querySelector(':scope > .charts') as Element, funnel: $('funnel').querySelector(':scope > figure.chart') as Element };
  } else {
    $('report').innerHTML = reportSections(plan, config, { charts: false });
    // Moved with their containers, the charts keep their size observers.
    ($('score').querySelector(':scope > h2') as Element).after(chartFigures.score);
    ($('funnel').querySelector(':scope > h2') as Element).after(chartFigures.funnel);
    specs.forEach((spec, i) => {
      const chart = charts[i] as Chart;
      chart.data = spec.config.data as never;
      chart.update('none');
    });
  }
  // As in the report: a test reads what was drawn.
  (window as unknown as { plannerCharts: Chart[] }).plannerCharts = charts;
}

/** Calls `done` once the browser has painted what the page changed (the frame after the next animation frame's work). */
function afterPaint(done: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(null);
  });
}

resetToPreset();
replan();
