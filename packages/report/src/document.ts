import { chartSpecs } from './charts.js';
import { escapeHtml as e, scriptJson } from './escape.js';
import type { ReportInput } from './input.js';
import { reportSections } from './sections.js';
import { REPORT_CSS } from './style.js';

/**
 * Makes a library's text safe inside <script>…</script>: no `</script` can end
 * the element early, and a source-map comment would point at a file that is not there.
 */
function inlineScript(code: string): string {
  return code.replace(/\/\/# sourceMappingURL=\S*\s*$/, '').replace(/<\/(script)/gi, '<\\/$1');
}

/** Draws each chart spec on its canvas; `window.plannerCharts` lets a test read what was drawn. */
const DRAW = `(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  window.plannerCharts = specs.map(function (spec) {
    return new Chart(document.getElementById(spec.id), spec.config);
  });
})();`;

/**
 * The plan as one self-contained HTML document: no request leaves the file,
 * the tables read without JavaScript, and it prints. Every string from the
 * plan and the configuration is escaped.
 */
export function renderReport(input: ReportInput): string {
  const { plan, config } = input;
  const charts = input.chartLibrary !== undefined;
  const title = `Plan${input.snapshotName === undefined ? '' : ` for ${input.snapshotName}`} — ${config.name}`;
  const specs = chartSpecs(plan).map((s) => ({ id: s.id, config: s.config }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${e(title)}</h1><p class="subtitle">${plan.steps.length} step(s) · configuration ${e(config.name)} from ${e(config.source)} · seed ${e(plan.seed)}</p></header>
<main>
${reportSections(plan, config, { charts })}
</main>
${charts ? `<script id="chart-specs" type="application/json">${scriptJson(specs)}</script>
<script>${inlineScript(input.chartLibrary as string)}</script>
<script>${DRAW}</script>` : ''}
</body>
</html>
`;
}
