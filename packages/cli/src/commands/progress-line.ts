import type { PlannerEvent } from '@planner/contracts';
import { pyFixed } from '@planner/context';

const WIDTH = 24;

/** One progress line for a TTY, redrawn in place: bar, done/total, best score so far, rate. */
export function progressText(e: Extract<PlannerEvent, { type: 'batch-finished' }>): string {
  const share = e.total > 0 ? e.done / e.total : 0;
  const filled = Math.round(share * WIDTH);
  const best = e.bestScore === null ? '-' : pyFixed(e.bestScore, 2);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${e.done}/${e.total} ${pyFixed(share * 100, 1)}%  best ${best}  ${Math.round(e.rate)} seq/s`;
}

export interface ProgressLine {
  onEvent(event: PlannerEvent): void;
  /** Ends the line (the next output starts on a fresh line). */
  end(): void;
}

/** Draws on `write` when `tty` is true; does nothing otherwise (pipes and logs get no control characters). */
export function progressLine(write: (s: string) => void, tty: boolean): ProgressLine {
  let drawn = false;
  return {
    onEvent(event) {
      if (!tty || event.type !== 'batch-finished') return;
      write(`\r\u001b[2K${progressText(event)}`);
      drawn = true;
    },
    end() {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}
