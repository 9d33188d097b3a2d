// Qualified-invoice issuer registration number (適格請求書発行事業者登録番号): "T" + 13 digits. For a
// corporation the digits are its corporate number (法人番号); others get a 13-digit number from the
// same 13-digit numbering, never overlapping it. The first digit is a check digit over the other
// twelve, by the National Tax Agency's published rule for corporate numbers:
//   check = 9 − (Σ_{n=1..12} P_n × Q_n mod 9), P_n the n-th digit counted from the right of the
//   12-digit base, Q_n = 1 for odd n and 2 for even n.

export type RegistrationNumberProblem = 'FORMAT' | 'CHECK_DIGIT';

export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new RangeError('The base of a corporate number is 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) {
    const digit = base12.charCodeAt(12 - n) - 48;
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(digits13: string): boolean {
  return /^\d{13}$/.test(digits13) && corporateNumberCheckDigit(digits13.slice(1)) === digits13.charCodeAt(0) - 48;
}

/**
 * Checks a registration number as typed on invoices. Accepts only the canonical form
 * (upper-case T, 13 half-width digits, no spaces or hyphens): normalise input with
 * `normaliseRegistrationNumber` first.
 */
export function checkRegistrationNumber(value: string): { ok: true } | { ok: false; problem: RegistrationNumberProblem } {
  const match = /^T(\d{13})$/.exec(value);
  if (match === null || match[1] === undefined) return { ok: false, problem: 'FORMAT' };
  return isValidCorporateNumber(match[1]) ? { ok: true } : { ok: false, problem: 'CHECK_DIGIT' };
}

/** Full-width digits/letters to half-width, lower-case t to T, spaces and hyphens removed. */
export function normaliseRegistrationNumber(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-‐－ー]/g, '')
    .replace(/^t/, 'T');
}
