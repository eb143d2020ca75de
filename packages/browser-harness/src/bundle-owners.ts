import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

/** The package an input file of the bundle belongs to: `zod`, `@planner/config`, ... */
export function ownerOf(path: string): string {
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (dep) return dep[1] as string;
  const own = /(?:^|\/)packages\/([^/]+)\//.exec(path) ?? /^\.\.\/([^/]+)\//.exec(path);
  return own ? `@planner/${own[1]}` : path;
}

export interface OwnerSize {
  readonly owner: string;
  /** Minified bytes whose source map points into this owner's files. */
  readonly minifiedBytes: number;
  /** What the gzipped bundle shrinks by without those bytes (gzip shares context, so the parts do not add up to the whole). */
  readonly gzipBytes: number;
}

/**
 * Splits a minified bundle by owner through its source map (each mapped
 * segment runs to the next one), and prices each owner in gzip bytes as the
 * difference it makes to the whole: the figure to compare when one part grows.
 * Unmapped bytes (esbuild's glue) are counted under `(glue)`.
 */
export function sizesByOwner(code: string, sourceMap: string, owner: (path: string) => string = ownerOf): OwnerSize[] {
  const map = JSON.parse(sourceMap) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const mapped = decode(map.mappings);
  // Per line, the owner of each byte range, in order.
  const pieces: { owner: string; text: string }[][] = lines.map((line, i) => {
    const segments = mapped[i] ?? [];
    const out: { owner: string; text: string }[] = [];
    if (segments.length === 0 || (segments[0]?.[0] ?? 0) > 0) {
      out.push({ owner: '(glue)', text: line.slice(0, segments[0]?.[0] ?? line.length) });
    }
    segments.forEach((s, j) => {
      const end = segments[j + 1]?.[0] ?? line.length;
      const source = s.length > 1 ? map.sources[s[1] as number] : undefined;
      out.push({ owner: source === undefined ? '(glue)' : owner(source), text: line.slice(s[0], end) });
    });
    return out;
  });
  const whole = gzipSync(code, { level: 9 }).length;
  const minified = new Map<string, number>();
  for (const line of pieces) for (const p of line) minified.set(p.owner, (minified.get(p.owner) ?? 0) + Buffer.byteLength(p.text));
  return [...minified]
    .map(([name, bytes]) => {
      const without = pieces.map((line) => line.filter((p) => p.owner !== name).map((p) => p.text).join('')).join('\n');
      return { owner: name, minifiedBytes: bytes, gzipBytes: whole - gzipSync(without, { level: 9 }).length };
    })
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes || (a.owner < b.owner ? -1 : 1));
}
