import { diffConfigs, loadPreset } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { standardModules } from './modules.js';
import type { PlanRequest, PlanResponse } from './protocol.js';
import { configFor } from './settings.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<PlanRequest>) => void) | null; postMessage(r: PlanResponse): void };

/** Parsed once per snapshot text: moving a slider re-plans, it does not re-parse. */
let parsed: { text: string; snapshot: ReturnType<typeof parseSnapshot> } | undefined;

async function answer(data: PlanRequest): Promise<PlanResponse> {
  try {
    if (parsed?.text !== data.snapshotText) parsed = { text: data.snapshotText, snapshot: parseSnapshot(data.snapshotText, data.snapshotName) };
    const config = configFor(data.settings, standardModules);
    const planner = createPlanner({ config, modules: standardModules });
    const started = performance.now();
    const plan = await planner.plan(parsed.snapshot);
    const planMs = performance.now() - started;
    const changes = diffConfigs(loadPreset(data.settings.preset, { modules: standardModules }), config);
    return { id: data.id, ok: true, plan, planMs, configName: config.planner.name, changes };
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
