// What the generated parsers (src/*.generated.ts, from zod-parser-source.ts) call.

/** The prototype of every object JSON.parse makes (this realm's Object.prototype). */
export const OBJECT_PROTOTYPE: object = Object.getPrototypeOf({}) as object;

/** Whether `s` holds at least `min` code points, as zod counts them (a surrogate pair is one, a lone surrogate one). */
export function atLeastCodePoints(s: string, min: number): boolean {
  if (s.length < min) return false;
  // n UTF-16 units hold between ceil(n/2) and n code points
  if (Math.ceil(s.length / 2) >= min) return true;
  let count = 0;
  for (const _ of s) count++;
  return count >= min;
}
