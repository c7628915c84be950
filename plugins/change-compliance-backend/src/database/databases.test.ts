import { createTestDatabases } from '../__testUtils__/testDatabases';

describe('store test databases', () => {
  const databases = createTestDatabases();

  it('include SQLite always', () => {
    expect(databases.supports('SQLITE_3')).toBe(true);
  });

  // Without this, a mistyped connection string would skip every PostgreSQL test silently.
  it('include PostgreSQL 15 whenever its connection string is set', () => {
    expect(databases.supports('POSTGRES_15')).toBe(
      Boolean(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING),
    );
  });
});
