import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo, checkAuthorization, createApiKey } from '../../src/core/auth/keys';
import { createContext } from '../../src/core/context';
import { StatementCount, withStatementCount } from '../../src/core/query-counter';
import { Result, TestServer } from './server';

/** Creates a real key of `role` in the server's database; returns the key and who it is. */
export async function keyFor(
  server: TestServer,
  role: ApiRole,
  name = `${role} test key`,
): Promise<{ key: string; auth: AuthInfo }> {
  const { key } = await createApiKey(server.db, name, role);
  const check = await checkAuthorization(server.db, `Bearer ${key}`);
  if (check.status !== 'valid') throw new Error('a fresh key should be valid');
  return { key, auth: check.auth };
}

/** Runs one operation as the holder of `auth` (null: anonymous). */
export async function runAs<T = any>(
  server: TestServer,
  auth: AuthInfo | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Result<T>> {
  const sql: StatementCount = { statements: 0 };
  const response = await withStatementCount(sql, () =>
    server.apollo.executeOperation(
      { query, variables },
      { contextValue: createContext(server.db, 'test-request', sql, auth) },
    ),
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  return { data: data as T, errors: errors as Result['errors'], statements: sql.statements };
}
