/**
 * Pairwise correlations of daily simple returns (modules-sequences-filters.md
 * §5.2), keyed "A:B" and "B:A". Series are the last `days` closes, aligned
 * on their most recent close (the snapshot carries no dates); missing leading
 * rows are back-filled, so a shorter series contributes zero returns there,
 * as the reference's ffill/bfill table does. Non-positive or non-finite closes
 * count as missing (forward-filled). A zero-variance pair gives NaN.
 */
export function computeCorrelations(
  priceHistory: Readonly<Record<string, readonly number[]>> | undefined,
  symbols: readonly string[],
  days = 252,
): Map<string, number> {
  const out = new Map<string, number>();
  if (!priceHistory) return out;
  const cols: { symbol: string; closes: readonly number[] }[] = [];
  for (const symbol of symbols) {
    const series = Object.hasOwn(priceHistory, symbol) ? priceHistory[symbol] : undefined;
    if (!series) continue;
    const closes = series.slice(Math.max(0, series.length - days));
    if (closes.some(isPrice)) cols.push({ symbol, closes });
  }
  if (cols.length === 0) return out;
  const rows = Math.max(...cols.map((c) => c.closes.length));
  if (rows < 2) return out;
  const returns = cols.map((c) => filledReturns(c.closes, rows));
  for (let i = 0; i < cols.length; i++) {
    for (let j = i + 1; j < cols.length; j++) {
      const c = pearson(returns[i]!, returns[j]!);
      const a = cols[i]!.symbol;
      const b = cols[j]!.symbol;
      out.set(`${a}:${b}`, c);
      out.set(`${b}:${a}`, c);
    }
  }
  return out;
}

function isPrice(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}

/** Returns of rows 1..rows-1 of the filled column. */
function filledReturns(closes: readonly number[], rows: number): Float64Array {
  const filled = new Float64Array(rows).fill(Number.NaN);
  const offset = rows - closes.length;
  let last = Number.NaN;
  for (let k = 0; k < closes.length; k++) {
    const x = closes[k]!;
    if (isPrice(x)) last = x;
    filled[offset + k] = last;
  }
  let first = Number.NaN;
  for (let k = 0; k < rows; k++) if (!Number.isNaN(filled[k]!)) { first = filled[k]!; break; }
  for (let k = 0; k < rows && Number.isNaN(filled[k]!); k++) filled[k] = first;
  const r = new Float64Array(rows - 1);
  for (let k = 1; k < rows; k++) r[k - 1] = filled[k]! / filled[k - 1]! - 1;
  return r;
}

/** pandas `nancorr` (Welford updates); NaN when either variance is zero. */
function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let meanx = 0;
  let meany = 0;
  let ssx = 0;
  let ssy = 0;
  let cov = 0;
  for (let k = 0; k < x.length; k++) {
    const vx = x[k]!;
    const vy = y[k]!;
    n += 1;
    const dx = vx - meanx;
    const dy = vy - meany;
    meanx += (1 / n) * dx;
    meany += (1 / n) * dy;
    ssx += (vx - meanx) * dx;
    ssy += (vy - meany) * dy;
    cov += (vx - meanx) * dy;
  }
  const divisor = Math.sqrt(ssx * ssy);
  return n > 0 && divisor !== 0 ? cov / divisor : Number.NaN;
}
