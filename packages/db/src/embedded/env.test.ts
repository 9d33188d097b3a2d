import { describe, expect, it } from 'vitest';
import { readTestServerUrl } from '../testing/env';
import { readDatabaseEnv } from './env';

describe('readDatabaseEnv', () => {
  it('reads the URL, port and folder, treating empty strings as unset', () => {
    expect(readDatabaseEnv({ DATABASE_URL: 'postgresql://u@h/db', EMBEDDED_PG_PORT: '55432', EMBEDDED_PG_DIR: '/x' })).toEqual({
      DATABASE_URL: 'postgresql://u@h/db',
      EMBEDDED_PG_PORT: 55432,
      EMBEDDED_PG_DIR: '/x',
    });
    expect(readDatabaseEnv({ DATABASE_URL: '', EMBEDDED_PG_PORT: ' ' })).toEqual({
      DATABASE_URL: undefined,
      EMBEDDED_PG_PORT: undefined,
      EMBEDDED_PG_DIR: undefined,
    });
  });

  it('refuses a URL that is not PostgreSQL and a port that is not one', () => {
    expect(() => readDatabaseEnv({ DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL/);
    expect(() => readDatabaseEnv({ EMBEDDED_PG_PORT: '54x' })).toThrow(/EMBEDDED_PG_PORT/);
    expect(() => readDatabaseEnv({ EMBEDDED_PG_PORT: '80' })).toThrow(/EMBEDDED_PG_PORT/);
  });
});

describe('readTestServerUrl', () => {
  it('prefers TEST_DATABASE_URL, then DATABASE_URL, else undefined (embedded)', () => {
    expect(readTestServerUrl({ TEST_DATABASE_URL: 'postgres://t@h/a', DATABASE_URL: 'postgres://d@h/b' })).toBe('postgres://t@h/a');
    expect(readTestServerUrl({ DATABASE_URL: 'postgres://d@h/b' })).toBe('postgres://d@h/b');
    expect(readTestServerUrl({ TEST_DATABASE_URL: '' })).toBeUndefined();
  });
});
