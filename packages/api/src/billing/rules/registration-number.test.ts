import { describe, expect, it } from 'vitest';
import { checkRegistrationNumber, corporateNumberCheckDigit, isValidCorporateNumber, normaliseRegistrationNumber } from './registration-number';

describe('qualified-invoice registration number (第14条2項 invoices)', () => {
  it.each([
    ['7000012050002'], // 国税庁
    ['1180301018771'], // トヨタ自動車株式会社
  ])('corporate number %s has a valid check digit', (number) => {
    expect(isValidCorporateNumber(number)).toBe(true);
  });

  it('computes the check digit from the 12-digit base', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(corporateNumberCheckDigit('180301018771')).toBe(1);
    expect(corporateNumberCheckDigit('000000000000')).toBe(9);
  });

  it.each([
    ['T7000012050002', { ok: true }],
    ['T1180301018771', { ok: true }],
    ['T8000012050002', { ok: false, problem: 'CHECK_DIGIT' }],
    ['T7000012050003', { ok: false, problem: 'CHECK_DIGIT' }],
    ['T1180301018717', { ok: false, problem: 'CHECK_DIGIT' }], // swapped last two digits
    ['7000012050002', { ok: false, problem: 'FORMAT' }],
    ['T700001205000', { ok: false, problem: 'FORMAT' }],
    ['T70000120500021', { ok: false, problem: 'FORMAT' }],
    ['t7000012050002', { ok: false, problem: 'FORMAT' }],
    ['T7000-0120-50002', { ok: false, problem: 'FORMAT' }],
  ])('%s → %j', (value, expected) => {
    expect(checkRegistrationNumber(value)).toEqual(expected);
  });

  it('normalises what people type', () => {
    expect(normaliseRegistrationNumber('ｔ７０００－０１２０－５０００２')).toBe('T7000012050002');
    expect(normaliseRegistrationNumber(' T 7000 0120 50002 ')).toBe('T7000012050002');
    expect(checkRegistrationNumber(normaliseRegistrationNumber('Ｔ1180301018771'))).toEqual({ ok: true });
  });

  // Weights 1 and 2 modulo 9 cannot tell 0 from 9; every other single-digit typo is caught.
  it('every single-digit change of a valid number is caught except 0↔9', () => {
    const valid = '1180301018771';
    for (let i = 0; i < 13; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        const changed = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        if (changed !== valid && Math.abs(d - Number(valid[i])) !== 9) expect(isValidCorporateNumber(changed), changed).toBe(false);
      }
    }
  });
});
