import { diffConfigs, loadPreset } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { standardModules } from './modules.js';
import type { PlanRequest, PlanResponse } from './protocol.js';
import { configFor } from './settings.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<PlanRequest>) => void) | null; postMessage(r: PlanResponse): void };

/** Parsed once per snapshot text: moving a slider re-plans, it does not re-parse. */
let parsed: { text: string; snapshot: ReturnType<typeof parseSnapshot> } | undefined;

scope.onmessage = async ({ data }) => {
  try {
    if (parsed?.text !== data.snapshotText) parsed = { text: data.snapshotText, snapshot: parseSnapshot(data.snapshotText, data.snapshotName) };
    const config = configFor(data.settings, standardModules);
    const planner = createPlanner({ config, modules: standardModules });
    const started = performance.now();
    const plan = await planner.plan(parsed.snapshot);
    const planMs = performance.now() - started;
    const changes = diffConfigs(loadPreset(data.settings.preset, { modules: standardModules }), config);
    scope.postMessage({ id: data.id, ok: true, plan, planMs, configName: config.planner.name, changes });
  } catch (error) {
    const e = error as Error;
    scope.postMessage({ id: data.id, ok: false, error: `${e.name}: ${e.message}` });
  }
};
