// 第14条2項: consumption tax (消費税及び地方消費税, 10% today) is added to every charge.
//
// Rounding: under the qualified-invoice system (適格請求書等保存方式, 消費税法施行令第70条の10) an
// invoice states, per tax rate, the total of the tax-exclusive amounts and ONE tax amount computed
// on that total; rounding each line and adding the results is not allowed. The direction of the
// one rounding is the issuer's choice: we floor (切り捨て), the common practice, so the customer is
// never charged a fraction of a yen more than the rate gives.
// Rates are integer percentages so that every step is exact integer arithmetic.

export const STANDARD_TAX_RATE_PERCENT = 10;

export interface TaxableLine {
  /** Tax-exclusive amount in yen (an integer; a discount line may be negative). */
  amount: number;
  taxRatePercent: number;
}

export interface RateTotal {
  taxRatePercent: number;
  /** Sum of the tax-exclusive amounts at this rate. */
  taxableAmount: number;
  tax: number;
}

export interface InvoiceTotals {
  byRate: RateTotal[];
  subtotal: number;
  tax: number;
  total: number;
}

function assertYen(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be a whole number of yen: ${amount}`);
}

function assertRate(ratePercent: number): void {
  if (!Number.isInteger(ratePercent) || ratePercent < 0 || ratePercent > 100) {
    throw new RangeError(`Tax rate must be an integer percentage: ${ratePercent}`);
  }
}

/** Tax on one tax-exclusive amount, floored. Equal to `invoiceTotals` for a one-line invoice. */
export function taxForLine(amount: number, ratePercent: number = STANDARD_TAX_RATE_PERCENT): number {
  assertYen(amount, 'Amount');
  assertRate(ratePercent);
  if (amount < 0) throw new RangeError('A charge cannot be negative');
  // amount ≤ 2^53 / 100 keeps the product exact; larger amounts are not invoices we issue.
  if (amount > Number.MAX_SAFE_INTEGER / 100) throw new RangeError('Amount too large');
  return Math.floor((amount * ratePercent) / 100);
}

/** Totals of one invoice: lines grouped by rate, one floored tax per rate, rates in ascending order. */
export function invoiceTotals(lines: readonly TaxableLine[]): InvoiceTotals {
  const sums = new Map<number, number>();
  for (const line of lines) {
    assertYen(line.amount, 'Line amount');
    assertRate(line.taxRatePercent);
    sums.set(line.taxRatePercent, (sums.get(line.taxRatePercent) ?? 0) + line.amount);
  }
  const byRate: RateTotal[] = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taxRatePercent, taxableAmount]) => {
      // A negative total would make this a credit note, i.e. money back (see no-refund.ts).
      if (taxableAmount < 0) throw new RangeError(`Lines at ${taxRatePercent}% add up to a negative amount`);
      return { taxRatePercent, taxableAmount, tax: taxForLine(taxableAmount, taxRatePercent) };
    });
  const subtotal = byRate.reduce((sum, r) => sum + r.taxableAmount, 0);
  const tax = byRate.reduce((sum, r) => sum + r.tax, 0);
  return { byRate, subtotal, tax, total: subtotal + tax };
}
