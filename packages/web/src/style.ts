/** The controls above the report. */
export const PAGE_CSS = `
.controls { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d5dbe1; padding-bottom: .5rem; z-index: 1; }
.controls.dragging { outline: 3px dashed #2f6fb0; }
.row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: .4rem 0; }
.sliders label { display: flex; flex-direction: column; min-width: 12rem; }
.sliders small { color: #56616c; }
.file input { display: none; }
.file { color: #2f6fb0; text-decoration: underline; cursor: pointer; }
#status { font-weight: 600; margin: .4rem 0; }
#error { color: #b8473f; font-weight: 600; margin: .4rem 0; white-space: pre-line; }
#error:empty { display: none; }
#diff ul { margin: 0; }
/* A re-plan rewrites every section: the browser lays out and paints only those in view. */
#report > section { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
`;
