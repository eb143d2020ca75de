import type { ActionCandidate, Security } from '@planner/contracts';
import { MAX_OVERLAP, WINDOW } from '../src/similarity-common.js';

interface Profile {
  readonly countries: ReadonlySet<string>;
  readonly industries: ReadonlySet<string>;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return inter / Math.max(union, 1);
}

/**
 * The enhanced generator's "is diverse" check (spec §2.5) as the spec reads:
 * the oracle of the sampler's bit-set window. Returns a stateful
 * predicate: it compares a candidate sequence with the last ten it accepted
 * and records it when it accepts. Without securities (incremental mode, or an
 * empty map) every sequence is accepted.
 */
export function similarityChecker(
  securitiesBySymbol: ReadonlyMap<string, Security> | null,
): (sequence: readonly ActionCandidate[]) => boolean {
  if (securitiesBySymbol === null || securitiesBySymbol.size === 0) return () => true;
  const accepted: Profile[] = [];
  const profile = (sequence: readonly ActionCandidate[]): Profile => {
    const countries = new Set<string>();
    const industries = new Set<string>();
    for (const action of sequence) {
      const sec = securitiesBySymbol.get(action.symbol);
      if (sec === undefined) continue;
      if (sec.country) countries.add(sec.country);
      // reference quirk: empty pieces are kept ("Tech," gives "Tech" and "").
      if (sec.industry) for (const piece of sec.industry.split(',')) industries.add(piece.trim());
    }
    return { countries, industries };
  };
  return (sequence) => {
    const p = profile(sequence);
    for (let i = Math.max(0, accepted.length - WINDOW); i < accepted.length; i++) {
      const old = accepted[i] as Profile;
      if (overlap(p.countries, old.countries) > MAX_OVERLAP && overlap(p.industries, old.industries) > MAX_OVERLAP) {
        return false;
      }
    }
    accepted.push(p);
    return true;
  };
}
