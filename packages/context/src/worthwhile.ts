/** A trade is worth it when its value is at least twice its cost (spec modules-calculators.md §2.1 (4)). */
export function isTradeWorthwhile(gapValue: number, fixed: number, percent: number): boolean {
  const cost = fixed + Math.abs(gapValue) * percent;
  return Math.abs(gapValue) >= cost * 2;
}
