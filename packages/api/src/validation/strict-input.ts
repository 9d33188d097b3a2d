import type { z } from 'zod';

// Every procedure's input refuses keys its schema does not name (issue 15: "extra keys" must be a typed
// 400 with nothing stored, not silently dropped). zod's plain `z.object` strips unknown keys; the input
// schemas use `z.strictObject` (or `.strict()`), whose `unrecognized_keys` issue the error formatter in
// trpc.ts turns into a field error per key. `looseObjectPaths` is the check that keeps it so: the test next
// to this file walks the input schema of every procedure of both routers and expects no loose object.

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/**
 * The paths ("(input)", "administrators.[]", "cause|1"…) of the object schemas inside `schema` that accept
 * keys they do not name (stripped or passed through). Intersections are reported as loose too: two strict
 * halves would refuse each other's keys, so an input schema must not use one.
 */
export function looseObjectPaths(schema: z.ZodType): string[] {
  const out: string[] = [];
  const seen = new Set<z.ZodType>();
  const walk = (s: z.ZodType, path: string[]) => {
    if (seen.has(s)) return;
    seen.add(s);
    const d = defOf(s);
    const at = path.length ? path.join('.') : '(input)';
    if (WRAPPERS.has(d.type) && d.innerType) return walk(d.innerType, path);
    switch (d.type) {
      case 'object':
        if (!d.catchall || defOf(d.catchall).type !== 'never') out.push(at);
        for (const [key, field] of Object.entries(d.shape ?? {})) walk(field, [...path, key]);
        return;
      case 'pipe':
        if (d.in) walk(d.in, path);
        if (d.out) walk(d.out, path);
        return;
      case 'lazy':
        if (d.getter) walk(d.getter(), path);
        return;
      case 'array':
      case 'set':
        if (d.element) walk(d.element, [...path, '[]']);
        return;
      case 'record':
      case 'map':
        if (d.valueType) walk(d.valueType, [...path, '{}']);
        return;
      case 'tuple':
        (d.items ?? []).forEach((item, i) => walk(item, [...path, String(i)]));
        if (d.rest) walk(d.rest, [...path, '...']);
        return;
      case 'union':
        (d.options ?? []).forEach((option, i) => walk(option, [...path.slice(0, -1), `${path.at(-1) ?? ''}|${i}`]));
        return;
      case 'intersection':
        out.push(`${at} (intersection)`);
        return;
      default:
        return;
    }
  };
  walk(schema, []);
  return out;
}
