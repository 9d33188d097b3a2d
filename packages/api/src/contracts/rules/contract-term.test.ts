import { describe, expect, it } from 'vitest';
import { contractTerm, isWithinTerm, nextContractTerm, oneYearEndDate, personalDataErasureDate, personalDataErasureInstant } from './contract-term';

describe('第10条 contract term', () => {
  it.each([
    ['2026-04-01', '2027-03-31'],
    ['2026-04-10', '2027-04-09'],
    ['2026-01-01', '2026-12-31'],
    ['2027-03-01', '2028-02-29'],
    ['2028-02-29', '2029-02-28'],
    ['2028-03-01', '2029-02-28'],
    ['2027-02-28', '2028-02-27'],
  ])('第10条: formed %s runs one year to %s', (formedOn, endsOn) => {
    expect(oneYearEndDate(formedOn)).toBe(endsOn);
    expect(contractTerm({ formedOn })).toEqual({ startsOn: formedOn, endsOn, basis: 'one_year' });
  });

  it.each([
    ['2026-04-10', '2026-12-31'],
    ['2026-04-10', '2027-06-30'],
    ['2026-04-10', '2026-04-10'],
  ])('第10条: formed %s with a licence period ending %s runs to the licence end', (formedOn, licenceEndsOn) => {
    expect(contractTerm({ formedOn, licenceEndsOn })).toEqual({ startsOn: formedOn, endsOn: licenceEndsOn, basis: 'licence_period' });
  });

  it('第10条: a licence period ending before formation is refused', () => {
    expect(() => contractTerm({ formedOn: '2026-04-10', licenceEndsOn: '2026-04-09' })).toThrow(RangeError);
  });

  it.each([
    ['2026-04-01', '2027-04-01', '2028-03-31'],
    ['2027-03-01', '2028-03-01', '2029-02-28'],
    ['2027-02-28', '2028-02-28', '2029-02-27'],
  ])('第10条: renewal of a term formed %s starts %s and ends %s', (formedOn, nextStart, nextEnd) => {
    expect(nextContractTerm(contractTerm({ formedOn }))).toEqual({ startsOn: nextStart, endsOn: nextEnd, basis: 'one_year' });
  });

  it('第10条: a renewal may follow a licence period instead', () => {
    expect(nextContractTerm(contractTerm({ formedOn: '2026-04-10' }), '2027-12-31')).toEqual({
      startsOn: '2027-04-10',
      endsOn: '2027-12-31',
      basis: 'licence_period',
    });
  });

  it('第10条: both ends of the term are inside it', () => {
    const term = contractTerm({ formedOn: '2026-04-10' });
    expect([isWithinTerm(term, '2026-04-09'), isWithinTerm(term, '2026-04-10'), isWithinTerm(term, '2027-04-09'), isWithinTerm(term, '2027-04-10')]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('第26条3項 personal data erased one month after the end date', () => {
  it.each([
    ['2026-05-31', '2026-07-01'],
    ['2026-05-15', '2026-06-16'],
    ['2026-01-30', '2026-03-01'],
    ['2026-12-31', '2027-02-01'],
  ])('第26条3項: contract ended %s → erase from %s', (end, erase) => {
    expect(personalDataErasureDate(end)).toBe(erase);
  });
});

describe('第26条3項: when the erasure is due', () => {
  it('from the start of the erasure date in Japan (00:00 JST, 15:00 UTC the day before)', () => {
    expect(personalDataErasureInstant('2027-01-31').toISOString()).toBe('2027-02-28T15:00:00.000Z');
    expect(personalDataErasureInstant('2027-03-31').toISOString()).toBe('2027-04-30T15:00:00.000Z');
  });
});
