/**
 * What a browser app imports to plan: the planner, the standard modules,
 * snapshot parsing and config parsing with the shipped presets. File reading
 * (`@planner/config/node`) is left out: it is the Node-only part. The bundle
 * report measures this entry and the browser test loads it.
 */
export { createPlanner } from '@planner/planner';
export { calculators } from '@planner/calculators';
export { patterns } from '@planner/patterns';
export { sequenceGenerators } from '@planner/sequences';
export { filters } from '@planner/filters';
export { evaluators } from '@planner/evaluation';
export { parseSnapshot } from '@planner/context';
export { loadPreset, mapSliders, parseConfig, presetNames, presetText } from '@planner/config';
