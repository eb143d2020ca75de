import type { PortfolioSnapshot } from '@planner/contracts';

/** JSON text of a value whose Maps are written as objects, keys in the Map's order (JSON.stringify writes a Map as `{}`). */
function jsonKeepingMapOrder(value: unknown): string | undefined {
  if (value instanceof Map) return objectText([...value.entries()].map(([k, v]) => [String(k), v] as const));
  if (Array.isArray(value)) return `[${value.map((v) => jsonKeepingMapOrder(v) ?? 'null').join(',')}]`;
  if (value !== null && typeof value === 'object') return objectText(Object.entries(value));
  return JSON.stringify(value);
}

function objectText(entries: readonly (readonly [string, unknown])[]): string {
  const parts: string[] = [];
  for (const [k, v] of entries) {
    const text = jsonKeepingMapOrder(v);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The snapshot as JSON text of the file format, each Map written as an
 * object in its order, so `parseSnapshot` of the text gives an equal
 * snapshot, key order included (a digit-only key stays where it was).
 * Otherwise the same text as `JSON.stringify` of the snapshot with its Maps as objects.
 */
export function snapshotToJson(snapshot: PortfolioSnapshot): string {
  return jsonKeepingMapOrder(snapshot) as string;
}
