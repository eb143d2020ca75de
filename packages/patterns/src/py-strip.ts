/**
 * Python's `str.strip()` whitespace (`str.isspace`): JS `trim()` differs, it
 * strips U+FEFF and keeps U+001C–U+001F and U+0085.
 */
export function isPyWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/** `text.strip()`; returns `text` itself when nothing is stripped (the usual case). */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPyWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isPyWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `[part.strip() for part in text.split(',')]`: the reference's industry list. */
export function splitIndustries(text: string): string[] {
  if (text.indexOf(',') < 0) return [pyStrip(text)];
  return text.split(',').map(pyStrip);
}
