/** The report's stylesheet: readable on screen, and on paper without the charts' fixed heights breaking pages. */
export const REPORT_CSS = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #d5dbe1; padding-bottom: .2rem; margin-top: 2rem; }
.subtitle { color: #56616c; margin: 0; }
.narrative { max-width: 60rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; color: #56616c; }
th, td { border: 1px solid #d5dbe1; padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: #8a949e; font-style: italic; }
#steps td:last-child { min-width: 20rem; }
.tables { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
figure.chart { margin: .5rem 0 1rem; }
.chart-box { position: relative; height: 16rem; }
figcaption { font-size: .85rem; color: #56616c; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  section, figure, tr { break-inside: avoid; }
  .chart-box { height: 12rem; }
  thead { display: table-header-group; }
}
`;
