import { describe, expect, it } from 'vitest';
import { jstDateInputValue, jstInputValue, parseJstInput } from './jst-input';

describe('Tokyo-time form inputs', () => {
  it('reads a datetime-local value as Tokyo time, across the date line', () => {
    expect(parseJstInput('2026-12-10T02:00')?.toISOString()).toBe('2026-12-09T17:00:00.000Z');
    expect(parseJstInput('2026-12-10T09:30')?.toISOString()).toBe('2026-12-10T00:30:00.000Z');
  });

  it('reads a date alone as Tokyo midnight', () => {
    expect(parseJstInput('2027-04-01')?.toISOString()).toBe('2027-03-31T15:00:00.000Z');
  });

  it('refuses empty, malformed and impossible values', () => {
    expect(parseJstInput('')).toBeNull();
    expect(parseJstInput('10/12/2026 02:00')).toBeNull();
    expect(parseJstInput('2026-02-30T10:00')).toBeNull();
    expect(parseJstInput('2026-12-10T24:00')).toBeNull();
  });

  it('writes an instant back as the input value in Tokyo time', () => {
    expect(jstInputValue(new Date('2026-12-09T17:00:00Z'))).toBe('2026-12-10T02:00');
    expect(jstDateInputValue(new Date('2027-03-31T15:00:00Z'))).toBe('2027-04-01');
    expect(parseJstInput(jstInputValue(new Date('2026-06-30T23:59:00Z')))?.toISOString()).toBe('2026-06-30T23:59:00.000Z');
  });
});
