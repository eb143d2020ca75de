import { createHash } from 'node:crypto';
import { createPythonRandom, sequenceJson } from '@planner/context';
import type { RandomSource, Sequence } from '@planner/contracts';

/**
 * The generator of one sequence's random draws, seeded from the run's seed and
 * the sequence's content. A sequence therefore draws the same paths whichever
 * order, batch or worker evaluates it (incremental planning may evaluate in
 * any order), and its detailed re-evaluation repeats the draws it was scored with.
 */
export function sequenceRandom(runSeed: number, sequence: Sequence): RandomSource {
  const h = createHash('md5').update(`${runSeed}\u0000${sequenceJson(sequence)}`, 'utf8').digest();
  // 52 bits of the digest: a safe integer seed.
  return createPythonRandom(h.readUIntBE(0, 6) * 16 + ((h[6] as number) >> 4));
}
