import { describe, expect, it } from 'vitest';
import { HOLIDAY_DATA_YEARS, isJapaneseHoliday, japaneseHoliday, japaneseHolidaysBetween } from './holidays';

describe('Japanese public holidays (bundled data)', () => {
  it('covers this year, next year and beyond', () => {
    expect(HOLIDAY_DATA_YEARS.first).toBeLessThanOrEqual(2017);
    expect(HOLIDAY_DATA_YEARS.last).toBeGreaterThanOrEqual(2030);
  });

  // Cabinet Office tables for 2026 and 2027 (the 2027 equinoxes were announced in Feb 2026).
  it.each([
    ['2026-01-01', '元日', "New Year's Day"],
    ['2026-01-12', '成人の日', 'Coming of Age Day'],
    ['2026-02-23', '天皇誕生日', "Emperor's Birthday"],
    ['2026-03-20', '春分の日', 'Vernal Equinox Day'],
    ['2026-05-06', 'こどもの日 振替休日', 'Holiday in lieu'],
    ['2026-09-22', '休日', "Citizen's Holiday"], // sandwiched between 敬老の日 and 秋分の日
    ['2026-09-23', '秋分の日', 'Autumnal Equinox Day'],
    ['2026-11-23', '勤労感謝の日', 'Labor Thanksgiving Day'],
    ['2027-03-22', '春分の日 振替休日', 'Holiday in lieu'],
    ['2027-07-19', '海の日', 'Marine Day'],
    ['2027-09-20', '敬老の日', 'Respect for the Aged Day'],
  ])('%s is %s', (date, ja, en) => {
    expect(isJapaneseHoliday(date)).toBe(true);
    expect(japaneseHoliday(date)).toEqual({ date, nameJa: ja, nameEn: en });
  });

  it.each(['2026-12-29', '2026-12-31', '2027-01-04', '2026-04-10', '2026-05-07'])('%s is not a public holiday', (date) => {
    expect(isJapaneseHoliday(date)).toBe(false);
    expect(japaneseHoliday(date)).toBeNull();
  });

  it('2026 has 18 and 2027 has 17 holidays', () => {
    expect(japaneseHolidaysBetween('2026-01-01', '2026-12-31')).toHaveLength(18);
    expect(japaneseHolidaysBetween('2027-01-01', '2027-12-31')).toHaveLength(17);
    expect(japaneseHolidaysBetween('2026-05-01', '2026-05-31').map((h) => h.date)).toEqual([
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
    ]);
  });

  it('refuses to guess outside the data', () => {
    expect(() => isJapaneseHoliday(`${HOLIDAY_DATA_YEARS.last + 1}-01-01`)).toThrow(RangeError);
  });
});
