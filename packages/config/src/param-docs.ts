import type { PlannerModule } from '@planner/contracts';
import { describeValue } from './issues.js';
import { objectOf } from './modules.js';

/**
 * What is wrong with the modules' `paramDocs`: a key that names no param of the
 * module's params schema (a typo: its description would silently show nowhere,
 * neither in `planner modules` nor in the configuration's JSON Schema) or a
 * description that is not text. Warnings, not errors: modules may be a
 * third-party plugin's, and the configuration runs the same without the docs.
 */
export function paramDocsWarnings(modules: readonly PlannerModule[]): string[] {
  const out: string[] = [];
  for (const m of modules) {
    const docs: unknown = m.paramDocs;
    if (docs === undefined) continue;
    const who = `${m.kind} '${m.name}'`;
    if (docs === null || typeof docs !== 'object' || Array.isArray(docs)) {
      out.push(`${who}: paramDocs should map param names to descriptions, found ${describeValue(docs)}; no param description is shown`);
      continue;
    }
    const shape = objectOf(m.params)?._zod.def.shape;
    const params = shape === undefined ? [] : Object.keys(shape);
    for (const [key, text] of Object.entries(docs)) {
      if (!params.includes(key)) {
        out.push(`${who}: paramDocs names '${key}', which is not one of its params (known params: ${params.join(', ') || 'none'}); its description is not shown`);
      } else if (typeof text !== 'string') out.push(`${who}: paramDocs of '${key}' should be text, found ${describeValue(text)}`);
    }
  }
  return out;
}
