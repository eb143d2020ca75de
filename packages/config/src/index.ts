export { parseConfig, noExtendsWarning, type ParseOptions } from './parse.js';
export type { ReadExtended } from './extends.js';
export { isPresetName, presetNames, presetText } from './presets.js';
export { loadPreset } from './load-preset.js';
export { serializeConfig } from './serialize.js';
export { withOverrides, type ConfigOverrides } from './overrides.js';
export {
  mapSliders, mapEntryStyle, mapHoldDuration, mapPositionSpread, mapProfitTakingAggressiveness, mapRiskAppetite,
  sliderRecommendations, type SliderInput, type Sliders, type SnakeSliders,
} from './sliders.js';
export { diffConfigs, type ConfigChange } from './diff.js';
export { configJsonSchema } from './json-schema.js';
export { moduleParamsJsonSchema } from './params-json-schema.js';
export { paramDocsWarnings } from './param-docs.js';
export { validateConfig, configIssues } from './validate.js';
export { warningsForSnapshot } from './rules.js';
export { evaluatorFor } from './evaluator.js';
export { camelToSnake, snakeToCamel } from './case.js';
export { pluginList, pluginsAndExtendsOf, pluginsAndExtendsOfTables, pluginsOf } from './plugins.js';
