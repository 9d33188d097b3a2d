import pg from 'pg';

/** Postgres' internal one-byte `"char"` type, used by catalog columns such as `pg_class.relkind`. */
const CHAR_OID = 18;
const TEXT_OID = 25;

/** Result rows → indices of the columns that were `"char"` before relabelling (see below). */
export const charColumnsByRows = new WeakMap<unknown[], number[]>();

interface FieldLike {
  dataTypeID: number;
}
interface ResultLike {
  fields?: FieldLike[];
  rows?: unknown[];
}

/**
 * A pg client for the schema engine's connections. adapter-pg has no column type for `"char"`
 * and fails every catalog query that selects one, so such columns are relabelled as text here
 * (the value is already a one-character string) and remembered, so the adapter wrapper can tell
 * the engine they are Character columns.
 */
export class CatalogClient extends pg.Client {
  // pg's query() has many overloads; this wrapper forwards all of them unchanged.
  override query(...args: unknown[]): never {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    const callback = args[callbackIndex];
    if (callbackIndex >= 0 && typeof callback === 'function') {
      args[callbackIndex] = (error: unknown, result: unknown) => callback(error, error ? result : relabel(result));
    }
    const returned = (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (callbackIndex < 0 && returned instanceof Promise) return returned.then(relabel) as never;
    return returned as never;
  }
}

function relabel(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (one ?? {}) as ResultLike;
    if (!fields || !rows) continue;
    const charColumns: number[] = [];
    fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length > 0) charColumnsByRows.set(rows, charColumns);
  }
  return result;
}
