import { diffConfigs, loadPreset } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import type { PlannerConfig } from '@planner/contracts';
import { createPlanner } from '@planner/planner';
import { standardModules } from './modules.js';
import type { PlanRequest, PlanResponse } from './protocol.js';
import { configFor } from './settings.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<PlanRequest>) => void) | null; postMessage(r: PlanResponse): void };

/** Parsed once per snapshot text: moving a slider re-plans, it does not re-parse. */
let parsed: { text: string; snapshot: ReturnType<typeof parseSnapshot> } | undefined;

/** Each shipped preset parsed once (a preset's TOML and its validation cost as much as a small plan); configs are immutable. */
const presets = new Map<string, PlannerConfig>();
function presetOf(name: string): PlannerConfig {
  let preset = presets.get(name);
  if (preset === undefined) {
    preset = loadPreset(name, { modules: standardModules });
    presets.set(name, preset);
  }
  return preset;
}

async function answer(data: PlanRequest): Promise<PlanResponse> {
  const received = performance.now();
  try {
    if (parsed?.text !== data.snapshotText) parsed = { text: data.snapshotText, snapshot: parseSnapshot(data.snapshotText, data.snapshotName) };
    const preset = presetOf(data.settings.preset);
    const config = configFor(data.settings, standardModules, preset);
    const planner = createPlanner({ config, modules: standardModules });
    const started = performance.now();
    const plan = await planner.plan(parsed.snapshot);
    const planMs = performance.now() - started;
    const changes = diffConfigs(preset, config);
    const workerMs = performance.now() - received;
    return { id: data.id, ok: true, plan, planMs, workerMs, configName: config.planner.name, changes };
  } catch (error) {
    const e = error as Error;
    return { id: data.id, ok: false, error: `${e.name}: ${e.message}` };
  }
}

// The page shows only the newest request's answer. A slider dragged faster
// than plans finish queues requests: of those that arrived during a plan,
// only the newest is planned, so the page never falls behind the slider.
let newest: PlanRequest | undefined;
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  while (newest !== undefined) {
    const request = newest;
    newest = undefined;
    scope.postMessage(await answer(request));
    // Lets the requests that arrived meanwhile in (each replaces `newest`).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  busy = false;
}

scope.onmessage = ({ data }) => {
  newest = data;
  if (!busy) void drain();
};
