/**
 * Finds the line of a TOML key path by scanning the text: smol-toml returns
 * plain values without positions. Handles `[table]`, `[[array]]`, dotted and
 * quoted keys, and skips multi-line strings; inline-table members resolve to
 * the line of their parent key.
 */
/** `exact`: only the key itself, not the nearest enclosing table. */
export type LineIndex = (path: string, exact?: boolean) => number | undefined;

function splitKey(text: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    parts.push(m[1] ?? m[2] ?? m[3] ?? '');
    if (m[0] === '') break;
  }
  return parts;
}

export function indexLines(source: string): LineIndex {
  const lines = new Map<string, number>();
  let table: string[] = [];
  let inMultiline: string | null = null;
  source.split(/\r?\n/).forEach((text, i) => {
    const lineNo = i + 1;
    if (inMultiline) {
      if (text.includes(inMultiline)) inMultiline = null;
      return;
    }
    const header = /^\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$/.exec(text);
    if (header?.[1] !== undefined) {
      table = splitKey(header[1]);
      const path = table.join('.');
      if (!lines.has(path)) lines.set(path, lineNo);
      return;
    }
    const kv = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=(.*)$/.exec(text);
    if (kv?.[1] !== undefined) {
      const path = [...table, ...splitKey(kv[1])].join('.');
      if (!lines.has(path)) lines.set(path, lineNo);
      const rest = kv[2] ?? '';
      for (const quote of ['"""', "'''"]) {
        const count = rest.split(quote).length - 1;
        if (count % 2 === 1) inMultiline = quote;
      }
    }
  });
  return (path, exact = false) => {
    const parts = path.split('.');
    for (let n = parts.length; n > (exact ? parts.length - 1 : 0); n--) {
      const line = lines.get(parts.slice(0, n).join('.'));
      if (line !== undefined) return line;
    }
    return undefined;
  };
}
