import { describe, expect, it } from 'vitest';
import { addMonths, clock, isoWeekday, monthDays, parseClock, todayJst } from './calendar';
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
