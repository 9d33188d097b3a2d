import { describe, expect, it } from 'vitest';
import { invoiceTotals, taxForLine } from './consumption-tax';

describe('第14条2項 consumption tax', () => {
  it.each([
    [10_000, 10, 1_000],
    [1_999, 10, 199], // 199.9 → 199 (切り捨て)
    [9, 10, 0],
    [0, 10, 0],
    [1_234, 8, 98], // 98.72 → 98
    [3_300_000, 10, 330_000],
  ])('第14条2項: tax on %i yen at %i%% = %i', (amount, rate, tax) => {
    expect(taxForLine(amount, rate)).toBe(tax);
  });

  it('第14条2項: one rounding per rate per invoice, not per line', () => {
    // Three lines of 1,999: per-line rounding would give 199 × 3 = 597; the rule gives floor(599.7) = 599.
    const lines = [1_999, 1_999, 1_999].map((amount) => ({ amount, taxRatePercent: 10 }));
    expect(invoiceTotals(lines)).toEqual({
      byRate: [{ taxRatePercent: 10, taxableAmount: 5_997, tax: 599 }],
      subtotal: 5_997,
      tax: 599,
      total: 6_596,
    });
  });

  it('第14条2項: rates are totalled separately, each floored once', () => {
    const totals = invoiceTotals([
      { amount: 1_055, taxRatePercent: 10 },
      { amount: 1_055, taxRatePercent: 8 },
      { amount: 1_055, taxRatePercent: 10 },
      { amount: -110, taxRatePercent: 10 }, // discount line
    ]);
    expect(totals.byRate).toEqual([
      { taxRatePercent: 8, taxableAmount: 1_055, tax: 84 },
      { taxRatePercent: 10, taxableAmount: 2_000, tax: 200 },
    ]);
    expect([totals.subtotal, totals.tax, totals.total]).toEqual([3_055, 284, 3_339]);
  });

  it('第14条2項: empty invoice totals zero', () => {
    expect(invoiceTotals([])).toEqual({ byRate: [], subtotal: 0, tax: 0, total: 0 });
  });

  it.each([
    [[{ amount: 10.5, taxRatePercent: 10 }], /whole number of yen/],
    [[{ amount: 100, taxRatePercent: 10.5 }], /integer percentage/],
    [[{ amount: -100, taxRatePercent: 10 }], /negative amount/],
  ])('第14条2項: refuses %j', (lines, message) => {
    expect(() => invoiceTotals(lines)).toThrow(message);
  });
});
