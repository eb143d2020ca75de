import { describe, expect, it } from 'vitest';
import { baselineOf, describeGrowth, growthSince } from '../src/bundle-growth.js';

const owners = (sizes: Record<string, [number, number]>) =>
  Object.entries(sizes).map(([owner, [minifiedBytes, gzipBytes]]) => ({ owner, minifiedBytes, gzipBytes }));

describe('what grew since the bundle baseline', () => {
  const before = owners({ zod: [1000, 400], '@planner/planner': [2000, 700], '@planner/gone': [50, 20] });
  const baseline = baselineOf('main abc1234', { minifiedBytes: 3050, gzipBytes: 1100 }, before);

  it('records the whole and each package, by name', () => {
    expect(baseline).toEqual({
      of: 'main abc1234',
      minifiedBytes: 3050,
      gzipBytes: 1100,
      packages: { '@planner/gone': { minifiedBytes: 50, gzipBytes: 20 }, '@planner/planner': { minifiedBytes: 2000, gzipBytes: 700 }, zod: { minifiedBytes: 1000, gzipBytes: 400 } },
    });
  });

  it("lists each package's change, the most grown first; a new package counts whole, a package gone as shrunk by all of it", () => {
    const after = owners({ zod: [1000, 400], '@planner/planner': [2300, 790], '@planner/new': [40, 30] });
    expect(growthSince(baseline, after)).toEqual([
      { owner: '@planner/planner', minifiedBytes: 300, gzipBytes: 90 },
      { owner: '@planner/new', minifiedBytes: 40, gzipBytes: 30 },
      { owner: 'zod', minifiedBytes: 0, gzipBytes: 0 },
      { owner: '@planner/gone', minifiedBytes: -50, gzipBytes: -20 },
    ]);
    expect(describeGrowth(baseline, { gzipBytes: 1200 }, after)).toEqual([
      'since main abc1234: gzip 1100 -> 1200 B (+100 B); the packages whose code changed, gzip share and minified bytes:',
      '      +90 B     +300 B  @planner/planner',
      '      +30 B      +40 B  @planner/new',
      '      -20 B      -50 B  @planner/gone',
    ]);
  });

  it('says so when no code changed, and leaves out gzip shares moved by the rest alone', () => {
    expect(describeGrowth(baseline, { gzipBytes: 1100 }, before)).toEqual(["since main abc1234: gzip 1100 -> 1100 B (0 B), no package's code changed"]);
    const shifted = owners({ zod: [1000, 403], '@planner/planner': [2000, 698], '@planner/gone': [50, 20] });
    expect(describeGrowth(baseline, { gzipBytes: 1101 }, shifted)).toEqual(["since main abc1234: gzip 1100 -> 1101 B (+1 B), no package's code changed"]);
  });
});
