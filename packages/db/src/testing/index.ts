import './provided-context';

export {
  createTestDatabase,
  dropStaleTestDatabases,
  withDatabase,
  TEST_DATABASE_PREFIX,
  type CreateTestDatabaseOptions,
  type TestDatabase,
} from './create-test-database';
