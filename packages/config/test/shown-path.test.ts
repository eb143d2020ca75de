import { relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shown } from '../src/node/shown-path.js';

describe('how a file path is shown in messages', () => {
  it('a relative path is the path relative to the working directory, whatever its segments', () => {
    const segment = fc.constantFrom('a', 'b.toml', '.', '..', '', 'x y', '.hidden', '...');
    fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (parts) => {
      const path = parts.join('/');
      expect(shown(path, false)).toBe(relative(process.cwd(), resolve(path)) || '.');
    }));
  });

  it('an absolute one is resolved', () => {
    expect(shown('/a/./b/../c.toml', true)).toBe(resolve('/a/c.toml'));
    expect(shown('configs/c.toml', false)).toBe('configs/c.toml');
    expect(shown('./configs//c.toml', false)).toBe('configs/c.toml');
  });
});
