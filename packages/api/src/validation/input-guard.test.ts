import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { assertStorableText, findUnsafeText, MAX_INPUT_DEPTH, MAX_TEXT_CHARS } from './input-guard';

// Invariants, independent of the guard's own code: UTF-8 round-trips a string exactly when it has no lone
// surrogate (TextEncoder replaces each with U+FFFD), and PostgreSQL text refuses only U+0000.
const utf8RoundTrips = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s)) === s;

/** Any UTF-16 code units, lone surrogates included. */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));

describe('findUnsafeText', () => {
  it('refuses a string exactly when UTF-8 cannot carry it or it holds a NUL', () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        const storable = utf8RoundTrips(s) && !s.includes('\u0000');
        expect(findUnsafeText({ field: s }) === null).toBe(storable);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the path of the first bad value, keys included, in nested objects and arrays', () => {
    expect(findUnsafeText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({ path: 'a.1.c', problem: 'NUL' });
    expect(findUnsafeText({ rows: { ['k\uDC00']: 1 } })).toEqual({ path: 'rows.(key)', problem: 'LONE_SURROGATE' });
    expect(findUnsafeText('\uD83D')).toEqual({ path: '', problem: 'LONE_SURROGATE' });
    expect(findUnsafeText({ emoji: '😀 テレワーク', when: new Date(0), n: 1, ok: true, none: null })).toBeNull();
  });

  it('refuses text longer than the limit and inputs nested deeper than the limit', () => {
    expect(findUnsafeText({ s: 'x'.repeat(MAX_TEXT_CHARS) })).toBeNull();
    expect(findUnsafeText({ s: 'x'.repeat(MAX_TEXT_CHARS + 1) })).toEqual({ path: 's', problem: 'TOO_LONG' });
    const nest = (depth: number): unknown => {
      let value: unknown = 'leaf';
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };
    expect(findUnsafeText(nest(MAX_INPUT_DEPTH))).toBeNull();
    expect(findUnsafeText(nest(MAX_INPUT_DEPTH + 1))?.problem).toBe('TOO_DEEP');
    // 100,000 levels: refused without walking them (no stack overflow).
    expect(findUnsafeText(nest(100_000))?.problem).toBe('TOO_DEEP');
  });

  it('checks the text parts of a multipart form, not its files', () => {
    const form = new FormData();
    form.append('kind', 'evidence');
    form.append('image', new Blob([new Uint8Array([0, 0, 0])]), 'a.jpg');
    expect(findUnsafeText(form)).toBeNull();
    form.append('clientId', 'x\u0000');
    expect(findUnsafeText(form)).toEqual({ path: 'clientId', problem: 'NUL' });
  });
});

describe('assertStorableText', () => {
  it('throws a VALIDATION AppError with the field and a reason', () => {
    try {
      assertStorableText({ profile: { name: 'a\u0000' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: 'VALIDATION', details: { reason: 'TEXT_NUL', fieldErrors: { 'profile.name': [expect.any(String)] } } });
    }
  });
});
