import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { CatalogClient, charColumnsByRows } from './catalog-client';
import { parsePgUrl, poolConfig, type PgServer } from './pg-server';

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let bindings: Promise<Bindings> | undefined;

/**
 * The package's entry point imports the .wasm file as an ES module, which Node only allows behind
 * --experimental-wasm-modules. We instantiate the same file ourselves and hand it to the bindings.
 * Once per process: the bindings keep the instance in module state.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue: Bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue;
  })();
  return bindings;
}

/**
 * Runs `fn` with a schema engine connected (through adapter-pg) to the server of `adminUrl`.
 * The role must be allowed to CREATE DATABASE: the engine replays migrations on shadow databases.
 */
export async function withSchemaEngine<T>(adminUrl: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const factory = createAdapterFactory(parsePgUrl(adminUrl));
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => undefined, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await factory.close();
  }
}

function createAdapterFactory(server: PgServer): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const pools: pg.Pool[] = [];
  const newPool = (database: string) => {
    const pool = new pg.Pool({ ...poolConfig(server, database), Client: CatalogClient });
    pools.push(pool);
    return pool;
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => {
      const pool = newPool(server.database);
      return wrapAdapter(await new PrismaPg(pool).connect(), pool, () => pool.end());
    },
    // adapter-pg's own version drops the shadow database while its pool is still connected
    // ("being accessed by other users"); here the pool is closed first.
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      await withAdminClient(server, (client) => client.query(`CREATE DATABASE "${name}"`));
      const pool = newPool(name);
      return wrapAdapter(await new PrismaPg(pool).connect(), pool, async () => {
        await pool.end();
        await withAdminClient(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      });
    },
    close: async () => {
      await Promise.all(pools.map((pool) => (pool.ended ? undefined : pool.end())));
    },
  };
}

async function withAdminClient<T>(server: PgServer, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(poolConfig(server));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function wrapAdapter(inner: SqlDriverAdapter, pool: pg.Pool, dispose: () => Promise<void>): SqlDriverAdapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query).then(labelCharColumns),
    executeRaw: (query) => inner.executeRaw(query),
    // adapter-pg splits scripts on every ";" which breaks dollar-quoted function bodies in
    // hand-written migration SQL. The simple query protocol runs the script as written.
    executeScript: async (script) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    },
    startTransaction: async (isolationLevel) => wrapTransaction(await inner.startTransaction(isolationLevel)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: async () => {
      await inner.dispose();
      await dispose();
    },
  };
}

function wrapTransaction(inner: Transaction): Transaction {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    options: inner.options,
    queryRaw: (query: SqlQuery) => inner.queryRaw(query).then(labelCharColumns),
    executeRaw: (query: SqlQuery) => inner.executeRaw(query),
    commit: () => inner.commit(),
    rollback: () => inner.rollback(),
    createSavepoint: inner.createSavepoint?.bind(inner),
    rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
    releaseSavepoint: inner.releaseSavepoint?.bind(inner),
  };
}

function labelCharColumns(result: SqlResultSet): SqlResultSet {
  for (const index of charColumnsByRows.get(result.rows) ?? []) {
    result.columnTypes[index] = ColumnTypeEnum.Character;
  }
  return result;
}

function toDriverAdapterError(error: unknown): Error {
  if (error instanceof pg.DatabaseError) {
    return new DriverAdapterError({
      kind: 'postgres',
      code: error.code ?? 'unknown',
      severity: error.severity ?? 'ERROR',
      message: error.message,
      detail: error.detail,
      column: error.column,
      hint: error.hint,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
