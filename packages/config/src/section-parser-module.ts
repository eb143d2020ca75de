import { CompatSectionSchema, PlannerSectionSchema } from './planner-settings.js';
import { sectionParserSource } from './section-parser-source.js';

/** The text of src/section-parser.generated.ts, from the sections' schemas as they are now. */
export function sectionParserModule(): string {
  return sectionParserSource({ parseValidPlannerSection: PlannerSectionSchema, parseValidCompatSection: CompatSectionSchema });
}
