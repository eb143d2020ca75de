import { md5 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { createPythonRandom, sequenceJson } from '@planner/context';
import type { RandomSource, Sequence } from '@planner/contracts';

/**
 * The generator of one sequence's random draws, seeded from the run's seed and
 * the sequence's content. A sequence therefore draws the same paths whichever
 * order, batch or worker evaluates it (incremental planning may evaluate in
 * any order), and its detailed re-evaluation repeats the draws it was scored with.
 */
export function sequenceRandom(runSeed: number, sequence: Sequence): RandomSource {
  const h = md5(utf8ToBytes(`${runSeed}\u0000${sequenceJson(sequence)}`));
  // 52 bits of the digest, big-endian: a safe integer seed.
  let seed = 0;
  for (let i = 0; i < 6; i++) seed = seed * 256 + (h[i] as number);
  return createPythonRandom(seed * 16 + ((h[6] as number) >> 4));
}
