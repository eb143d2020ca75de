/**
 * Rates are "units of the currency per 1 EUR" (spec modules-calculators.md §0
 * rule 7): eur = native / rate. EUR, unknown currencies and non-positive rates
 * read as 1, as the reference's fallback did.
 */
export function fxRateOf(fxRates: Readonly<Record<string, number>>, currency: string): number {
  if (currency === 'EUR') return 1;
  const r = Object.hasOwn(fxRates, currency) ? fxRates[currency] : undefined;
  return r !== undefined && r > 0 ? r : 1;
}

export function toEur(native: number, currency: string, fxRates: Readonly<Record<string, number>>): number {
  return native / fxRateOf(fxRates, currency);
}

export function fromEur(eur: number, currency: string, fxRates: Readonly<Record<string, number>>): number {
  return eur * fxRateOf(fxRates, currency);
}
