export { renderReport } from './document.js';
export { reportSections } from './sections.js';
export { chartSpecs, type ChartSpec } from './charts.js';
export {
  cashByCurrency, componentChanges, componentsOf, currentScoreComponents, funnelStages, scoreComponents, splitTimings,
  type ComponentChange, type CurrencyCash, type ScoreComponent,
} from './figures.js';
export { escapeHtml, scriptJson } from './escape.js';
export { REPORT_CSS } from './style.js';
export type { ReportConfig, ReportConfigChange, ReportInput } from './input.js';
