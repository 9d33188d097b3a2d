import { describe, expect, it } from 'vitest';
import { invoiceTotals } from './consumption-tax';
import { addedSeatMonths, addedSeatsLines, annualLicenceBill, resellerCustomerLines } from './fees';

describe('第14条1項 fees', () => {
  it('第14条1項: a direct sale bills the customer the annual fee', () => {
    const bill = annualLicenceBill({ channel: 'direct', seats: 20, annualUnitPrice: 12_000 }, 'ライセンス 2026-04-10〜2027-04-09');
    expect(bill).toEqual({
      billTo: 'customer',
      lines: [{ description: 'ライセンス 2026-04-10〜2027-04-09', quantity: 20, unitPrice: 12_000, amount: 240_000, taxRatePercent: 10 }],
    });
    expect(invoiceTotals(bill.lines).total).toBe(264_000);
  });

  it('第14条1項: a reseller sale bills the reseller at wholesale; the reseller bills the customer', () => {
    const sale = { channel: 'reseller' as const, seats: 20, annualUnitPrice: 12_000, wholesaleAnnualUnitPrice: 9_000 };
    expect(annualLicenceBill(sale, 'L')).toEqual({
      billTo: 'reseller',
      lines: [{ description: 'L', quantity: 20, unitPrice: 9_000, amount: 180_000, taxRatePercent: 10 }],
    });
    expect(resellerCustomerLines(sale, 'L')[0]?.amount).toBe(240_000);
    expect(() => annualLicenceBill({ channel: 'reseller', seats: 1, annualUnitPrice: 1 }, 'L')).toThrow(/wholesale/);
    expect(() => resellerCustomerLines({ channel: 'direct', seats: 1, annualUnitPrice: 1 }, 'L')).toThrow(RangeError);
  });

  it.each([
    ['2026-04-10', '2027-04-09', 13], // April 2026 … April 2027, each started month whole
    ['2027-03-31', '2027-04-09', 2],
    ['2027-04-01', '2027-04-09', 1],
    ['2027-04-10', '2027-04-09', 0],
  ])('第11条2項/第14条1項: seats added %s, term ends %s → %i whole months', (addedOn, termEndsOn, months) => {
    expect(addedSeatMonths(addedOn, termEndsOn)).toBe(months);
  });

  it('第11条2項: added seats are charged per whole month, no daily proration', () => {
    expect(addedSeatsLines({ seats: 5, monthlyUnitPrice: 1_100, addedOn: '2027-03-31', termEndsOn: '2027-04-09', description: '追加アカウント' })).toEqual([
      { description: '追加アカウント (2か月)', quantity: 10, unitPrice: 1_100, amount: 11_000, taxRatePercent: 10 },
    ]);
    expect(addedSeatsLines({ seats: 5, monthlyUnitPrice: 1_100, addedOn: '2027-04-10', termEndsOn: '2027-04-09', description: 'x' })).toEqual([]);
  });

  it('第14条1項: prices are whole yen', () => {
    expect(() => annualLicenceBill({ channel: 'direct', seats: 1, annualUnitPrice: 99.5 }, 'L')).toThrow(/whole yen/);
  });
});
