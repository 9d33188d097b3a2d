export {
  STANDARD_TAX_RATE_PERCENT,
  invoiceTotals,
  taxForLine,
  type InvoiceTotals,
  type RateTotal,
  type TaxableLine,
} from './consumption-tax';
export { DAYS_PER_YEAR, LATE_INTEREST_PER_MILLE, LATE_INTEREST_TAX_RATE_PERCENT, daysLate, lateInterest, lateInterestOnBalance, type LateCharge } from './late-payment';
export {
  addedSeatMonths,
  addedSeatsLines,
  annualLicenceBill,
  resellerCustomerLines,
  type InvoiceLine,
  type LicenceSale,
  type ProviderBill,
  type SalesChannel,
} from './fees';
export {
  checkRegistrationNumber,
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  normaliseRegistrationNumber,
  type RegistrationNumberProblem,
} from './registration-number';
export { assertNoRefund, settlementOnEarlyEnd } from './no-refund';
