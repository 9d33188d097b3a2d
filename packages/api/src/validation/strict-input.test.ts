import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { consoleRouter } from '../console-router';
import { resellerRouter } from '../reseller-router';
import { looseObjectPaths } from './strict-input';

function inputsOf(procedures: Record<string, unknown>): [string, unknown][] {
  return Object.entries(procedures).flatMap(([name, p]) => (p as { _def: { inputs: unknown[] } })._def.inputs.map((input) => [name, input] as [string, unknown]));
}

const isZod = (s: unknown): s is z.ZodType => typeof s === 'object' && s !== null && '_zod' in s;

describe('every procedure input refuses unknown keys', () => {
  it('finds loose objects wherever they hide', () => {
    expect(looseObjectPaths(z.strictObject({ a: z.string() }))).toEqual([]);
    expect(looseObjectPaths(z.object({ a: z.string() }).strict())).toEqual([]);
    expect(looseObjectPaths(z.object({ a: z.string() }))).toEqual(['(input)']);
    expect(looseObjectPaths(z.looseObject({ a: z.string() }))).toEqual(['(input)']);
    expect(looseObjectPaths(z.strictObject({ list: z.array(z.object({ b: z.number() })).optional() }))).toEqual(['list.[]']);
    expect(looseObjectPaths(z.strictObject({ c: z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a') }), z.object({ k: z.literal('b') })]) }))).toEqual(['c|1']);
    expect(looseObjectPaths(z.strictObject({ r: z.record(z.string(), z.object({})) }))).toEqual(['r.{}']);
    expect(looseObjectPaths(z.strictObject({ a: z.string() }).and(z.strictObject({ b: z.string() })))).toEqual(['(input) (intersection)']);
    expect(looseObjectPaths(z.strictObject({ a: z.string() }).transform((v) => v).pipe(z.object({ a: z.string() })))).toEqual(['(input)']);
  });

  it('no procedure of either router has an input object that strips or passes unknown keys', () => {
    const all = [...inputsOf(consoleRouter._def.procedures), ...inputsOf(resellerRouter._def.procedures)];
    expect(all.length).toBeGreaterThan(100);
    const loose = all.filter(([, s]) => isZod(s)).flatMap(([name, s]) => looseObjectPaths(s as z.ZodType).map((p) => `${name}: ${p}`));
    expect(loose).toEqual([]);
    // Every input is a zod schema (the agent's multipart upload declares none: its form is parsed in evidence/upload-form.ts).
    expect(all.filter(([, s]) => !isZod(s)).map(([name]) => name)).toEqual([]);
  });

  it('a strict input refuses an extra key with an unrecognized_keys issue naming it', () => {
    const r = z.strictObject({ a: z.string() }).safeParse({ a: 'x', role: 'ADMIN' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });
});
