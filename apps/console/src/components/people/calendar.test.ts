import { describe, expect, it } from 'vitest';
import { addMonths, clock, endClock, isoWeekday, monthDays, parseClock, shiftEnd, todayJst, yearEndDaysOff } from './calendar';
import { groupTree, subtreeIds } from './group-tree';

describe('Tokyo calendar helpers', () => {
  it('knows the Tokyo date across UTC midnight', () => {
    expect(todayJst(new Date('2026-11-28T14:59:00Z'))).toBe('2026-11-28');
    expect(todayJst(new Date('2026-11-28T15:00:00Z'))).toBe('2026-11-29');
  });
  it('walks months across years and lays out a month', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    const feb = monthDays('2028-02');
    expect(feb.days).toHaveLength(29);
    expect(feb.firstWeekday).toBe(2);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
  it('reads clock times and refuses nonsense', () => {
    expect(parseClock('9:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('24:01')).toBeNull();
    expect(parseClock('12:60')).toBeNull();
    expect(parseClock('')).toBeNull();
    expect(clock(570)).toBe('09:30');
  });
  it('reads full-width digits and the Japanese ways of writing a time (issue 16)', () => {
    const cases: [string, number | null][] = [
      ['０９：３０', 570],
      ['９：３０', 570],
      ['１８：００', 1080],
      [' 09:30 ', 570],
      ['930', 570],
      ['0930', 570],
      ['９３０', 570],
      ['1800', 1080],
      ['9', 540],
      ['18', 1080],
      ['2400', 1440],
      ['9時30分', 570],
      ['９時３０分', 570],
      ['9時', 540],
      ['9時半', 570],
      ['18時 05分', 1085],
      ['午後6時', 1080],
      ['午後6時30分', 1110],
      ['午前9時', 540],
      ['午前0時', 0],
      ['午前12時', 0],
      ['午後0時', 720],
      ['午後12時', 720],
      ['1時間', 60],
      ['1時間30分', 90],
      ['45分', 45],
      ['９０分', 90],
      // Refused: out of range, minutes of 60 or more, or not a time.
      ['2401', null],
      ['960', null],
      ['25時', null],
      ['9時60分', null],
      ['午後13時', null],
      ['12345', null],
      ['9:5', null],
      ['九時', null],
      ['abc', null],
      ['1441分', null],
    ];
    for (const [text, minutes] of cases) expect([text, parseClock(text)]).toEqual([text, minutes]);
  });
});

describe('night shifts and the year end (issue 16)', () => {
  it('an end at or before the start is on the next day, typed back as its clock time', () => {
    expect([shiftEnd(1320, 420), shiftEnd(540, 1080), shiftEnd(600, 600), shiftEnd(0, 1440)]).toEqual([1860, 1080, 2040, 1440]);
    expect([endClock(1860), endClock(1080), endClock(1440)]).toEqual(['07:00', '18:00', '24:00']);
  });
  it('suggests 12/29 to 1/3 across the new year', () => {
    expect(yearEndDaysOff(2026)).toEqual(['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });
});

describe('group tree', () => {
  const groups = [
    { id: 'b', name: '営業2課', parentId: 'a' },
    { id: 'a', name: '営業部', parentId: null },
    { id: 'c', name: '開発部', parentId: null },
    { id: 'd', name: '東京', parentId: 'b' },
    { id: 'e', name: '孤児', parentId: 'hidden' },
  ];
  it('lists parents before children with depths; unseen parents put a group at the top', () => {
    expect(groupTree(groups).map((x) => `${x.depth}${x.group.id}`)).toEqual(['0a', '1b', '2d', '0c', '0e']);
  });
  it('finds a group and all below it', () => {
    expect([...subtreeIds(groups, 'a')].sort()).toEqual(['a', 'b', 'd']);
  });
});
