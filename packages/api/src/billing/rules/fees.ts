import { compareIsoDates, monthsSpanned } from '../../calendar/dates';
import type { IsoDate } from '../../calendar/day-number';
import { STANDARD_TAX_RATE_PERCENT } from './consumption-tax';

// 第14条1項: the licence fee is an annual amount (application or price list); seats added by a
// change (第11条2項) may carry a monthly fee. The source defines no daily proration, so a monthly
// fee is charged per whole calendar month: every month in which the added seats can be used,
// including the month they are added in and the month the term ends in.

export interface InvoiceLine {
  description: string;
  quantity: number;
  /** Tax-exclusive unit price in yen. */
  unitPrice: number;
  /** quantity × unitPrice. */
  amount: number;
  taxRatePercent: number;
}

function line(description: string, quantity: number, unitPrice: number): InvoiceLine {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`Quantity must be a whole number: ${quantity}`);
  if (!Number.isSafeInteger(unitPrice) || unitPrice < 0) throw new RangeError(`Unit price must be whole yen: ${unitPrice}`);
  return { description, quantity, unitPrice, amount: quantity * unitPrice, taxRatePercent: STANDARD_TAX_RATE_PERCENT };
}

/** Months of added-seat fee for seats added on `addedOn` in a term ending `termEndsOn`. */
export function addedSeatMonths(addedOn: IsoDate, termEndsOn: IsoDate): number {
  if (compareIsoDates(addedOn, termEndsOn) > 0) return 0;
  return monthsSpanned(addedOn, termEndsOn);
}

export type SalesChannel = 'direct' | 'reseller';

export interface LicenceSale {
  channel: SalesChannel;
  seats: number;
  /** Price per seat per year that the customer pays (the provider's list price when sold direct). */
  annualUnitPrice: number;
  /** Price per seat per year the provider charges a reseller; required when channel is 'reseller'. */
  wholesaleAnnualUnitPrice?: number;
}

export interface ProviderBill {
  /** Who the provider invoices: the customer when sold direct, else the reseller, which bills the customer itself. */
  billTo: 'customer' | 'reseller';
  lines: InvoiceLine[];
}

/** The provider's own invoice lines for an annual licence (domain.md "Money": reseller sales are billed through the reseller). */
export function annualLicenceBill(sale: LicenceSale, description: string): ProviderBill {
  if (sale.channel === 'direct') return { billTo: 'customer', lines: [line(description, sale.seats, sale.annualUnitPrice)] };
  if (sale.wholesaleAnnualUnitPrice === undefined) throw new RangeError('A reseller sale needs a wholesale price');
  return { billTo: 'reseller', lines: [line(description, sale.seats, sale.wholesaleAnnualUnitPrice)] };
}

/** The reseller's invoice to its customer, when the system issues it on the reseller's behalf. */
export function resellerCustomerLines(sale: LicenceSale, description: string): InvoiceLine[] {
  if (sale.channel !== 'reseller') throw new RangeError('Only a reseller sale has a reseller invoice');
  return [line(description, sale.seats, sale.annualUnitPrice)];
}

/** Monthly fee lines for seats added mid-term (第11条2項, 第14条1項). */
export function addedSeatsLines(input: {
  seats: number;
  monthlyUnitPrice: number;
  addedOn: IsoDate;
  termEndsOn: IsoDate;
  description: string;
}): InvoiceLine[] {
  const months = addedSeatMonths(input.addedOn, input.termEndsOn);
  if (months === 0) return [];
  return [line(`${input.description} (${months}か月)`, input.seats * months, input.monthlyUnitPrice)];
}
