import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyStrip, splitIndustries } from '../src/py-strip.js';

// The former regex form of Python's str.strip() whitespace set.
const PY_WS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_WS}+|${PY_WS}+$`, 'g');

describe('pyStrip (Python str.strip without a regex)', () => {
  it('strips what Python strips, not what JS trim strips', () => {
    expect(pyStrip('\x1c Tech \x85')).toBe('Tech');
    expect(pyStrip('\ufeffTech')).toBe('\ufeffTech');
    expect(pyStrip('\u3000\u2000 ')).toBe('');
    expect(pyStrip('\x08Tech\x0e')).toBe('\x08Tech\x0e');
  });

  it('property: equals the regex form on strings mixing whitespace of both kinds', () => {
    const chars = ['a', 'T', ' ', '\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1f', '\x85', '\xa0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\x08', '\x0e', ','];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((a) => a.join('')), (text) => {
        expect(pyStrip(text)).toBe(text.replace(PY_STRIP, ''));
        expect(splitIndustries(text)).toEqual(text.split(',').map((p) => p.replace(PY_STRIP, '')));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
