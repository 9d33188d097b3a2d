import type { TestProject } from 'vitest/node';
import { createTestDatabase } from './create-test-database';
import './provided-context';

/**
 * Vitest globalSetup: one migrated database per test run, handed to test files through
 * `inject('databaseUrl')`, dropped when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  project.provide('databaseUrl', database.url);
  return () => database.drop();
}
