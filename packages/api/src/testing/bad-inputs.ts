import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { businessDate, businessMonth } from '../validation/bounds';

// Hostile inputs derived from a procedure's zod schema (zod 4: its `_zod.def` tree), for the bad-input test
// over every procedure. Each case starts from a valid input (what the procedure's authorisation case sends)
// and replaces one leaf the schema names with a value no field of that kind may accept, or breaks the input
// as a whole; the test asserts each is refused with a typed 4xx and stores nothing.

/** The part of a zod 4 schema definition this walker reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  format?: string;
  coerce?: boolean;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema a caller's value is checked against first: wrappers and pipes unwrapped to their input side. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else return s;
  }
  return s;
}

function isOptional(schema: z.ZodType): boolean {
  const t = defOf(schema).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

export type LeafKind = 'string' | 'businessDate' | 'businessMonth' | 'number' | 'boolean' | 'date' | 'enum' | 'literal' | 'other';

export interface Leaf {
  path: (string | number)[];
  kind: LeafKind;
  schema: z.ZodType;
}

function leafKind(schema: z.ZodType): LeafKind {
  const s = core(schema);
  if (s === businessDate) return 'businessDate';
  if (s === businessMonth) return 'businessMonth';
  const t = defOf(s).type;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'date' || t === 'enum' || t === 'literal') return t;
  return 'other';
}

/** Every leaf the schema names (object fields, array elements at index 0, the first option of unions). */
export function leavesOf(schema: z.ZodType, path: (string | number)[] = [], depth = 0): Leaf[] {
  if (depth > 8) return [];
  const s = core(schema);
  const d = defOf(s);
  switch (d.type) {
    case 'object':
      return Object.entries(d.shape ?? {}).flatMap(([key, field]) => leavesOf(field, [...path, key], depth + 1));
    case 'array':
      return d.element ? leavesOf(d.element, [...path, 0], depth + 1) : [];
    case 'union':
      return d.options?.[0] ? leavesOf(d.options[0], path, depth + 1) : [];
    case 'record':
      return d.valueType ? leavesOf(d.valueType, [...path, 'key'], depth + 1) : [];
    default:
      return [{ path, kind: leafKind(s), schema: s }];
  }
}

/**
 * The paths of the object schemas inside `schema` (root included, array elements at index 0, the first
 * option of unions): where an unknown key may be slipped in. Records are not among them: any key is theirs.
 */
export function objectPathsOf(schema: z.ZodType, path: (string | number)[] = [], depth = 0): (string | number)[][] {
  if (depth > 8) return [];
  const d = defOf(core(schema));
  switch (d.type) {
    case 'object':
      return [path, ...Object.entries(d.shape ?? {}).flatMap(([key, field]) => objectPathsOf(field, [...path, key], depth + 1))];
    case 'array':
      return d.element ? objectPathsOf(d.element, [...path, 0], depth + 1) : [];
    case 'union':
      return d.options?.[0] ? objectPathsOf(d.options[0], path, depth + 1) : [];
    case 'record':
      return d.valueType ? objectPathsOf(d.valueType, [...path, 'key'], depth + 1) : [];
    default:
      return [];
  }
}

/** A plausible value for a schema, used only where the valid input has no value on the way to a leaf. */
export function sampleOf(schema: z.ZodType, depth = 0): unknown {
  const s = core(schema);
  const d = defOf(s);
  if (s === businessDate) return '2026-12-07';
  if (s === businessMonth) return '2026-12';
  switch (d.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(d.shape ?? {})
          .filter(([, field]) => !isOptional(field))
          .map(([key, field]) => [key, depth > 8 ? null : sampleOf(field, depth + 1)]),
      );
    case 'array':
      return d.element && depth <= 8 ? [sampleOf(d.element, depth + 1)] : [];
    case 'union':
      return d.options?.[0] ? sampleOf(d.options[0], depth + 1) : null;
    case 'record':
      return {};
    case 'string':
      if (d.format === 'uuid' || d.format === 'guid') return randomUUID();
      if (d.format === 'email') return 'someone@example.com';
      if (d.format === 'date') return '2026-12-07';
      if (d.format === 'datetime') return '2026-12-07T00:00:00.000Z';
      if (d.format === 'url') return 'https://example.com/';
      return 'x';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'date':
      return new Date('2026-12-07T00:00:00Z');
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    default:
      return null;
  }
}

/** Hostile values by leaf kind; none of them is acceptable to any field of that kind. */
const NUL = 'a\u0000b';
const LONE_HIGH = 'a\uD800b';
const LONE_LOW = '\uDC00';
const HUGE = 'x'.repeat(100_000);
const TEXT_ATTACKS: [string, unknown][] = [
  ['NUL byte', NUL],
  ['lone high surrogate', LONE_HIGH],
  ['lone low surrogate', LONE_LOW],
  ['100k characters', HUGE],
];
const DATE_STRING_ATTACKS: [string, unknown][] = [
  ['year 1', '0001-01-01'],
  ['year 9999', '9999-12-31'],
  ['year 275760', '+275760-09-13'],
  ['30 February', '2026-02-30'],
];
const BY_KIND: Record<LeafKind, [string, unknown][]> = {
  string: [...TEXT_ATTACKS, ['a number instead of text', 12345], ['an object instead of text', { toString: 'x' }]],
  businessDate: [...TEXT_ATTACKS, ...DATE_STRING_ATTACKS, ['a Date object', new Date('2026-12-07T00:00:00Z')]],
  businessMonth: [...TEXT_ATTACKS, ['year 1', '0001-01'], ['year 9999', '9999-12'], ['month 13', '2026-13']],
  number: [
    ['1e308', 1e308],
    ['-1e308', -1e308],
    ['2^53 + 2', 2 ** 53 + 2],
    ['2^31 (past a 32-bit column)', 2 ** 31],
    ['-2^31 - 1', -(2 ** 31) - 1],
    ['1e15', 1e15],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['text instead of a number', '1'],
    ['NUL text instead of a number', NUL],
  ],
  boolean: [['text instead of a boolean', 'yes'], ['a number instead of a boolean', 1]],
  date: [
    ['year 1', new Date('0001-01-01T00:00:00Z')],
    ['year 1900', new Date('1900-01-01T00:00:00Z')],
    ['year 9999', new Date('9999-12-31T00:00:00Z')],
    ['the last representable instant (275760)', new Date(8.64e15)],
    ['an invalid Date', new Date(Number.NaN)],
    ['year 1 as text', '0001-01-01T00:00:00Z'],
    ['year 9999 as text', '9999-12-31T23:59:59Z'],
    ['NUL text', NUL],
  ],
  enum: [['an unknown option', 'NOT_AN_OPTION'], ['an option with a NUL byte', `ADMIN${NUL}`], ['a number', 7]],
  literal: [['another value', '__other__'], ['NUL text', NUL]],
  other: [...TEXT_ATTACKS],
};

export function attacksFor(kind: LeafKind): [string, unknown][] {
  return BY_KIND[kind];
}

/** Attacks on the input as a whole, whatever its schema. */
export const WHOLE_INPUT_ATTACKS: [string, unknown][] = [
  ['a NUL string as the input', NUL],
  ['a lone surrogate as the input', LONE_HIGH],
  ['a 100k-character string as the input', HUGE],
  ['a number as the input', 1e308],
  ['an array as the input', [NUL]],
  ['a deeply nested input', JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) as unknown],
];

/** Attacks for a procedure that takes no input: only text the guard refuses (a procedure without a schema ignores the rest). */
export const NO_INPUT_ATTACKS: [string, unknown][] = [
  ['a NUL string as the input', NUL],
  ['a lone surrogate as the input', LONE_HIGH],
  ['a 100k-character string as the input', HUGE],
  ['an object with a NUL key', { [`k${NUL}`]: 1 }],
];

function clone(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  }
  return value;
}

/** `base` with the leaf at `path` replaced; containers missing on the way are filled from `schema`'s samples. */
export function withLeaf(base: unknown, schema: z.ZodType, path: (string | number)[], value: unknown): unknown {
  const root = base === undefined || base === null || typeof base !== 'object' ? sampleOf(schema) : clone(base);
  if (path.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  let nodeSchema: z.ZodType | undefined = schema;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    nodeSchema = nodeSchema ? childSchema(nodeSchema, key) : undefined;
    const next = node[key];
    if (next === undefined || next === null || typeof next !== 'object') {
      node[key] = nodeSchema ? sampleOf(nodeSchema) : {};
    }
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = value;
  return root;
}

function childSchema(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  const s = core(schema);
  const d = defOf(s);
  if (d.type === 'object') return d.shape?.[String(key)];
  if (d.type === 'array') return d.element;
  if (d.type === 'union') return d.options?.[0] ? childSchema(d.options[0], key) : undefined;
  if (d.type === 'record') return d.valueType;
  return undefined;
}

/** A schema whose root is an object with at least one required key (extra keys then go with a missing one). */
export function requiredKeysOf(schema: z.ZodType): string[] {
  const d = defOf(core(schema));
  if (d.type !== 'object') return [];
  return Object.entries(d.shape ?? {})
    .filter(([, field]) => !isOptional(field) && defOf(field).type !== 'nullable')
    .map(([key]) => key);
}
