export type PlannerStage =
  | 'context'
  | 'opportunities'
  | 'generation'
  | 'filters'
  | 'feasibility'
  | 'evaluation'
  | 'plan';

export type PlannerEvent =
  | { readonly type: 'stage-started'; readonly stage: PlannerStage }
  | { readonly type: 'stage-progress'; readonly stage: PlannerStage; readonly done: number; readonly total: number }
  | { readonly type: 'stage-finished'; readonly stage: PlannerStage; readonly count: number; readonly ms: number }
  | { readonly type: 'module-failed'; readonly module: string; readonly kind: string; readonly error: unknown }
  | {
      readonly type: 'batch-finished';
      readonly bucket: string;
      readonly done: number;
      readonly total: number;
      /** Best end-state score so far on the display scale (x100), or null. */
      readonly bestScore: number | null;
      /** Sequences evaluated per second in this call. */
      readonly rate: number;
    };

export type PlannerEventListener = (event: PlannerEvent) => void;
