import { COMPAT_DEFAULTS } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { compatOf } from '../src/compat-of.js';

describe('compatOf', () => {
  it("reads the context's [compat] switches; a context built without them gets the reference's (every switch on)", () => {
    const off = { ...COMPAT_DEFAULTS, zeroShareSells: false };
    expect(compatOf({ compat: off })).toBe(off);
    expect(compatOf({})).toBe(COMPAT_DEFAULTS);
    expect(Object.values(compatOf({})).every((v) => v === true)).toBe(true);
  });
});
