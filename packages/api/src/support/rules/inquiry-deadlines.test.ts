import { describe, expect, it } from 'vitest';
import { autoAcceptAt, firstAnswerDueAt, isAutoAcceptDue } from './inquiry-deadlines';

const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);

describe('仕様書 4 ※ inquiry deadlines', () => {
  it.each([
    ['2026-11-27 10:00', '2026-11-27 14:15'],
    ['2026-11-27 16:30', '2026-11-30 11:30'], // 30 min on Friday, 150 on Monday
  ])('仕様書 4 ※: phone inquiry at %s JST gets a first answer by %s', (received, due) => {
    expect(firstAnswerDueAt(jst(received), 'phone')).toEqual(jst(due));
  });

  it('仕様書 4 ※: no first-answer deadline is stated for e-mail', () => {
    expect(firstAnswerDueAt(jst('2026-11-27 10:00'), 'email')).toBeNull();
  });

  it('仕様書 4 ※: an answer is accepted one week after it was given', () => {
    expect(autoAcceptAt(jst('2026-11-20 15:00'))).toEqual(jst('2026-11-27 15:00'));
    expect(autoAcceptAt(jst('2026-12-28 23:59'))).toEqual(jst('2027-01-04 23:59'));
  });

  it.each([
    ['2026-11-27 14:59', false, false],
    ['2026-11-27 15:00', false, true],
    ['2026-12-10 09:00', false, true],
    ['2026-12-10 09:00', true, false],
    ['2026-11-21 09:00', true, false],
  ])('仕様書 4 ※: answered 2026-11-20 15:00; at %s with reply=%s → accepted %s', (now, replied, due) => {
    expect(isAutoAcceptDue(jst('2026-11-20 15:00'), jst(now), replied)).toBe(due);
  });
});
