import { encode } from '@jridgewell/sourcemap-codec';
import { describe, expect, it } from 'vitest';
import { ownerOf, sizesByOwner } from '../src/bundle-owners.js';

describe('sizesByOwner', () => {
  it('names the owner of a workspace file or a dependency', () => {
    expect(ownerOf('../planner/src/plan-run.ts')).toBe('@planner/planner');
    expect(ownerOf('/work/repo/packages/config/src/parse.ts')).toBe('@planner/config');
    expect(ownerOf('../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/util.js')).toBe('zod');
    expect(ownerOf('../../node_modules/.pnpm/@noble+hashes@2.4.0/node_modules/@noble/hashes/utils.js')).toBe('@noble/hashes');
  });

  it('gives each owner the bytes up to the next mapped segment, unmapped bytes to (glue), and a gzip share per owner', () => {
    const a = 'function plan(){return 1}'.repeat(20);
    const b = 'var z={parse(){return 2}};'.repeat(20);
    const code = `;${a}${b}\n${b}`;
    const sources = ['../planner/src/a.ts', '../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/b.js'];
    const mappings = encode([
      [[1, 0, 0, 0], [1 + a.length, 1, 0, 0]],
      [[0, 1, 0, 0]],
    ]);
    const sizes = sizesByOwner(code, JSON.stringify({ version: 3, sources, mappings }));
    expect(sizes.map((s) => [s.owner, s.minifiedBytes])).toEqual([['zod', 2 * b.length], ['@planner/planner', a.length], ['(glue)', 1]]);
    for (const s of sizes) expect(s.gzipBytes).toBeGreaterThanOrEqual(0);
    // The repeated text of zod costs less than its length once gzipped, and more than nothing.
    const zod = sizes.find((s) => s.owner === 'zod');
    expect(zod?.gzipBytes).toBeGreaterThan(0);
    expect(zod?.gzipBytes).toBeLessThan(2 * b.length);
  });
});
