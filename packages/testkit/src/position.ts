import type { Position, PositionView } from '@planner/contracts';

/** A snapshot position. */
export function position(symbol: string, quantity: number, avgPrice: number, over: Partial<Position> = {}): Position {
  return { symbol, quantity, avgPrice, ...over };
}

/** A held EUR position as the context shows it: marked at `over.markPrice`, else its average cost. */
export function positionView(symbol: string, quantity: number, avgPrice: number, over: Partial<PositionView> = {}): PositionView {
  const markPrice = over.markPrice ?? avgPrice;
  return { symbol, quantity, avgPrice, currency: 'EUR', markPrice, marketValueEur: quantity * markPrice, ...over };
}
