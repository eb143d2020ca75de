import { validMs } from './naive-civil.js';

// '#naive-common-form' in Node (package.json "imports"); a browser bundle gets
// naive-common-form-browser.ts, so every date takes the pattern parser of
// naive-time.ts (the same results, test/naive-time.test.ts; this reader is
// faster, from about 0.2 KiB gzip the bundle's budget has not).

const CHAR_0 = 48;

/** The number written by `count` ASCII digits at `start`, or -1 if one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - CHAR_0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The forms snapshots use, read without the regular expression:
 * `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS` (T or space), optionally ending in
 * `Z`. `undefined` for any other text (the pattern decides then).
 */
export function parseCommonForm(text: string): number | null | undefined {
  const len = text.length;
  const zoned = len > 0 && text.charCodeAt(len - 1) === 90; // 'Z'
  const bare = zoned ? len - 1 : len;
  if (bare !== 10 && bare !== 19) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // '-'
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (bare === 10) return validMs(year, month, day, 0, 0, 0);
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined; // 'T' ' ' ':'
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  return validMs(year, month, day, hour, minute, second);
}
