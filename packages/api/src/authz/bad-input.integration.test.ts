import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { Db } from '@telework/db';
import { consoleRouter } from '../console-router';
import { resellerRouter } from '../reseller-router';
import { agentCaller, signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { createOperatorFixture, createResellerFixture, createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { useOwnTestDatabase } from '../testing/db';
import { attacksFor, leavesOf, NO_INPUT_ATTACKS, objectPathsOf, requiredKeysOf, sampleOf, WHOLE_INPUT_ATTACKS, withLeaf } from '../testing/bad-inputs';
import type { AuthzEnv, ConsoleCases, ResellerCases } from './case-types';

// Issue 15 item 6: every procedure of both routers (the authorisation registry, ./cases), called as a caller
// allowed to call it, with inputs derived from its zod schema: NUL bytes, lone surrogates, 100k-character
// strings, extreme numbers and dates, wrong types, extra keys (alone on a valid input, at every level, and
// with a required key missing) and broken inputs as a whole. Every answer
// must be a typed tRPC error other than INTERNAL_SERVER_ERROR, and no table may gain or lose a row.
// The valid input each attack starts from is the one the procedure's authorisation case sends, caught
// before the procedure runs. The file has a database of its own, so that row counts of every table are
// exact while other test files write to the shared one.

vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY ??= randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'bad-input-blobs-'));
});

const modules = import.meta.glob<{ consoleCases?: ConsoleCases; resellerCases?: ResellerCases }>('./cases/*.ts', { eager: true });
const consoleCases: ConsoleCases = Object.assign({}, ...Object.values(modules).map((m) => m.consoleCases ?? {}));
const resellerCases: ResellerCases = Object.assign({}, ...Object.values(modules).map((m) => m.resellerCases ?? {}));

const handle = useOwnTestDatabase();

type AnyCaller = Record<string, unknown>;
type Invoke = (fn: (c: AnyCaller) => Promise<unknown>) => Promise<unknown>;

/** Thrown in place of the procedure under test: the input its authorisation case would have sent. */
class CapturedInput extends Error {
  constructor(readonly input: unknown) {
    super('captured');
  }
}

/** A caller that forwards every call to `real`, except the one to `target`, whose input it captures. */
function capturing(real: AnyCaller, target: string): AnyCaller {
  const at = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_f, key) => (typeof key === 'string' && key !== 'then' ? at([...path, key]) : undefined),
      apply: (_f, _this, args: unknown[]) => {
        if (path.join('.') === target) return Promise.reject(new CapturedInput(args[0]));
        return resolve(real, path)(...args);
      },
    });
  return at([]) as AnyCaller;
}

function resolve(caller: AnyCaller, path: string[]): (...args: unknown[]) => Promise<unknown> {
  let node: unknown = caller;
  for (const key of path) node = (node as Record<string, unknown>)[key];
  return node as (...args: unknown[]) => Promise<unknown>;
}

/** One attack's outcome: the tRPC code, or 'OK' (a failure of this test), or the non-tRPC error's name. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) {
      if (process.env.BAD_INPUT_DEBUG && e.code === 'INTERNAL_SERVER_ERROR') console.info(e.cause);
      return e.code;
    }
    return `NOT_A_TRPC_ERROR:${e instanceof Error ? e.name : typeof e}`;
  }
}

/** Rows per table of the whole database (the file's own). */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ t: string }[]>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const sql = tables.map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
  const rows = await db.$queryRawUnsafe<{ t: string; n: number }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

interface Attack {
  name: string;
  input: unknown;
}

/** Attacks derived from a procedure's input schema and the valid input its case sends. */
function attacksOf(schema: z.ZodType | undefined, valid: unknown): Attack[] {
  if (!schema) return NO_INPUT_ATTACKS.map(([name, input]) => ({ name, input }));
  const out: Attack[] = WHOLE_INPUT_ATTACKS.map(([name, input]) => ({ name, input }));
  for (const leaf of leavesOf(schema)) {
    const where = leaf.path.length ? leaf.path.join('.') : '(input)';
    for (const [name, value] of attacksFor(leaf.kind)) out.push({ name: `${where}: ${name}`, input: withLeaf(valid, schema, leaf.path, value) });
  }
  if (!(valid instanceof FormData)) {
    // Unknown keys on an otherwise valid input, at the root and inside every nested object: refused with
    // a typed 400 naming the key, never silently dropped (the input schemas are strict: validation/strict-input.ts).
    for (const at of objectPathsOf(schema)) {
      const where = at.length ? at.join('.') : '(input)';
      out.push({ name: `${where}: an unknown key`, input: withLeaf(valid, schema, [...at, 'unexpected'], 'x') });
      out.push({ name: `${where}: an unknown key isAdmin`, input: withLeaf(valid, schema, [...at, 'isAdmin'], true) });
    }
    if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
      const polluted = JSON.parse('{"__proto__": {"role": "ADMIN"}}') as object;
      out.push({ name: '(input): an own __proto__ key', input: { ...(valid as Record<string, unknown>), ...polluted } });
    }
  }
  const required = requiredKeysOf(schema);
  if (required.length > 0 && valid && typeof valid === 'object' && !(valid instanceof FormData)) {
    // Extra keys (prototype pollution among them) with a required key missing: refused, and nothing polluted.
    const extras = JSON.parse('{"__proto__": {"role": "ADMIN"}, "constructor": {"prototype": {"isAdmin": true}}, "unexpected": "x"}') as object;
    for (const key of required) {
      const rest = { ...(valid as Record<string, unknown>) };
      delete rest[key];
      out.push({ name: `extra keys, ${key} missing`, input: { ...rest, ...extras } });
    }
  }
  if (valid instanceof FormData) {
    // Multipart uploads: every text part of the form, attacked in turn.
    for (const [key, entry] of valid.entries()) {
      if (typeof entry !== 'string') continue;
      for (const [name, value] of [...attacksFor('string'), ['year 1', '0001-01-01T00:00:00Z'], ['year 9999', '9999-12-31T00:00:00Z']] as [string, unknown][]) {
        if (typeof value !== 'string') continue;
        const form = new FormData();
        for (const [k, v] of valid.entries()) form.append(k, k === key ? value : v);
        out.push({ name: `form part ${key}: ${name}`, input: form });
      }
    }
  }
  return out;
}

function inputSchemaOf(procedures: Record<string, unknown>, name: string): z.ZodType | undefined {
  const def = (procedures[name] as { _def: { inputs: z.ZodType[] } })._def;
  return def.inputs[0];
}

let a: TenantFixture;
let env: AuthzEnv;
const callers: Partial<Record<'anonConsole' | 'admin' | 'agent' | 'anonReseller' | 'operator' | 'staff', Invoke>> = {};
const totals = { procedures: 0, attacks: 0, sampled: [] as string[] };
afterAll(() => {
  // The figures the README and the issue notes quote.
  console.info(`bad-input: ${totals.procedures} procedures, ${totals.attacks} attacks; started from a schema sample: ${totals.sampled.join(', ') || 'none'}`);
});

beforeAll(async () => {
  const { db, adminDb } = handle;
  env = { db, adminDb };
  const reseller = await createResellerFixture(adminDb);
  a = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
  const operator = await createOperatorFixture(adminDb);
  const browse = (b: TestBrowser, app: 'console' | 'reseller'): Invoke => (fn) => (app === 'console' ? b.console((c) => fn(c as unknown as AnyCaller)) : b.reseller((c) => fn(c as unknown as AnyCaller)));
  callers.anonConsole = browse(new TestBrowser(db, 'console'), 'console');
  callers.admin = browse(await signedInUser(db, a, 'admin'), 'console');
  const { token } = await (await agentCaller(db, null)).agent.auth.signIn({ systemId: a.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'PC' });
  callers.agent = async (fn) => fn((await agentCaller(db, token)) as unknown as AnyCaller);
  callers.anonReseller = browse(new TestBrowser(db, 'reseller'), 'reseller');
  callers.operator = browse(await signedInProvider(db, 'operator', operator.email), 'reseller');
  callers.staff = browse(await signedInProvider(db, 'resellerStaff', reseller.staffEmail), 'reseller');
}, 180_000);

/** Catches the valid input of a case, then sends every attack through the same caller. */
async function attackProcedure(name: string, schema: z.ZodType | undefined, invoke: Invoke, call: (c: AnyCaller) => Promise<unknown>) {
  let valid: unknown;
  let captured = false;
  try {
    await invoke((c) => call(capturing(c, name)));
  } catch (e) {
    if (!(e instanceof CapturedInput)) throw e;
    valid = e.input;
    captured = true;
  }
  // A case that does not reach its procedure (the reseller app's public sign-in, answered by the route
  // itself) leaves the attacks to start from a sample of the schema.
  if (!captured) {
    totals.sampled.push(name);
    valid = schema ? sampleOf(schema) : undefined;
  }
  const attacks = attacksOf(schema, valid);
  const before = await rowCounts(handle.adminDb);
  const answers: string[] = [];
  for (const attack of attacks) {
    const code = await outcome(invoke((c) => resolve(c, name.split('.'))(attack.input)));
    answers.push(`${attack.name} → ${code}`);
  }
  if (process.env.BAD_INPUT_DEBUG) console.info(name, answers.filter((l) => !l.endsWith('BAD_REQUEST')));
  totals.procedures += 1;
  totals.attacks += attacks.length;
  // Every answer a typed refusal: a tRPC code, never INTERNAL_SERVER_ERROR, never a success.
  expect(answers.filter((line) => /→ (OK|INTERNAL_SERVER_ERROR|NOT_A_TRPC_ERROR)/.test(line))).toEqual([]);
  expect(await rowCounts(handle.adminDb)).toEqual(before);
}

const CONSOLE_CALLER = { PUBLIC: 'anonConsole', WORKER: 'admin', MANAGER: 'admin', ADMIN: 'admin', AGENT: 'agent' } as const;
const RESELLER_CALLER = { PUBLIC: 'anonReseller', OPERATOR: 'operator', RESELLER: 'staff' } as const;

describe('bad input to every console procedure → a typed 4xx, nothing stored', () => {
  for (const [name, spec] of Object.entries(consoleCases)) {
    it(name, async () => {
      const invoke = callers[CONSOLE_CALLER[spec.minRole]];
      if (!invoke) throw new Error('callers not ready');
      await attackProcedure(name, inputSchemaOf(consoleRouter._def.procedures, name), invoke, (c) => spec.call(c as never, a, env));
    });
  }
});

describe('bad input to every reseller-app procedure → a typed 4xx, nothing stored', () => {
  for (const [name, spec] of Object.entries(resellerCases)) {
    it(name, async () => {
      const invoke = callers[RESELLER_CALLER[spec.who]];
      if (!invoke) throw new Error('callers not ready');
      await attackProcedure(name, inputSchemaOf(resellerRouter._def.procedures, name), invoke, (c) => spec.call(c as never, a, env));
    });
  }
});

describe('coverage', () => {
  it('attacks every procedure of both routers (the registry names them all)', () => {
    expect(Object.keys(consoleCases).sort()).toEqual(Object.keys(consoleRouter._def.procedures).sort());
    expect(Object.keys(resellerCases).sort()).toEqual(Object.keys(resellerRouter._def.procedures).sort());
  });
});
