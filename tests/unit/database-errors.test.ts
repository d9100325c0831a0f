import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { createDataSource } from '../../src/app/data-source';
import { classifyDatabaseError, writeErrorFrom } from '../../src/core/writes';
import { neverSent } from '../../src/core/writes/database-errors';
import { openTestDataSource, TEST_ENGINE } from '../support/database';

/** A driver error as TypeORM hands it on: wrapped in QueryFailedError, its fields copied over. */
const failed = (fields: Record<string, unknown>, message = String(fields.message ?? 'failed')) =>
  new QueryFailedError('COMMIT', [], Object.assign(new Error(message), fields));

describe('Database errors as codes', () => {
  it.each([
    [{ code: 'SQLITE_FULL', message: 'SQLITE_FULL: database or disk is full' }, 'disk-full'],
    [{ code: 'SQLITE_IOERR', message: 'SQLITE_IOERR: disk I/O error' }, 'io-error'],
    [
      { code: 'SQLITE_READONLY', message: 'SQLITE_READONLY: attempt to write a readonly database' },
      'read-only',
    ],
    [
      { code: 'SQLITE_CANTOPEN', message: 'SQLITE_CANTOPEN: unable to open database file' },
      'cannot-open',
    ],
    [{ code: 'SQLITE_BUSY', message: 'SQLITE_BUSY: database is locked' }, 'busy'],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, 'timeout'],
    [{ code: '08006', message: 'connection failure' }, 'unreachable'],
    [
      { code: '57P01', message: 'terminating connection due to administrator command' },
      'unreachable',
    ],
    [{ message: 'Connection terminated unexpectedly' }, 'unreachable'],
    [{ message: 'Query read timeout' }, 'unreachable'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'unreachable'],
  ])('should name %j as SERVICE_UNAVAILABLE (%s)', (fields, reason) => {
    expect(classifyDatabaseError(failed(fields))).toEqual({ kind: 'unavailable', reason });
    const coded = writeErrorFrom(failed(fields)) as GraphQLError;
    expect(coded.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason,
      http: { status: 503 },
    });
    expect(coded.message).toMatch(/nothing was written/);
  });

  it.each([
    ['a released query runner', new QueryRunnerAlreadyReleasedError()],
    ['a query runner whose connection was released', new QueryRunnerProviderAlreadyReleasedError()],
    [
      "pg's client after a connection error",
      failed({ message: 'Client has encountered a connection error and is not queryable' }),
    ],
    ["pg's client once closed", failed({ message: 'Client was closed and is not queryable' })],
  ])(
    'should name %s (its connection killed between two statements) as SERVICE_UNAVAILABLE, never sent',
    (_, err) => {
      expect(classifyDatabaseError(err)).toEqual({ kind: 'unavailable', reason: 'unreachable' });
      expect(writeErrorFrom(err)?.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        reason: 'unreachable',
      });
      expect(neverSent(err)).toBe(true);
    },
  );

  it.each([
    [{ message: 'Connection terminated unexpectedly' }],
    [{ message: 'Connection terminated' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }],
  ])(
    'should not take %j (a statement that may have reached the server) as never sent',
    (fields) => {
      expect(classifyDatabaseError(failed(fields))).toEqual({
        kind: 'unavailable',
        reason: 'unreachable',
      });
      expect(neverSent(failed(fields))).toBe(false);
    },
  );

  it("should name PostgreSQL's unique violation as CONFLICT on the column it names", () => {
    const coded = writeErrorFrom(
      failed(
        { code: '23505', detail: 'Key (slug)=(docker) already exists.', constraint: 'UQ_x' },
        'duplicate key value',
      ),
    );
    expect(coded?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    const pair = classifyDatabaseError(
      failed({ code: '23505', detail: 'Key (from_level_id, to_level_id)=(1, 2) already exists.' }),
    );
    expect(pair).toEqual({
      kind: 'conflict',
      columns: ['from_level_id', 'to_level_id'],
      field: 'input.fromLevel',
    });
  });

  it('should leave an error it cannot name alone (a bug answers 500, not a made-up code)', () => {
    const err = new Error('Cannot read properties of undefined');
    expect(classifyDatabaseError(err)).toBeNull();
    expect(writeErrorFrom(err)).toBeNull();
    const coded = new GraphQLError('kept', { extensions: { code: 'NOT_FOUND' } });
    expect(writeErrorFrom(coded)).toBe(coded);
  });

  it('should name the real unique violation of the suite engine as CONFLICT naming the field', async () => {
    const { db, close } = await openTestDataSource('errors');
    try {
      await db.query('CREATE TABLE things (slug varchar(20) NOT NULL UNIQUE)');
      await db.query(`INSERT INTO things (slug) VALUES ('one')`);
      const err = await db
        .query(`INSERT INTO things (slug) VALUES ('one')`)
        .catch((e: unknown) => e);
      expect(writeErrorFrom(err)?.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.slug',
      });
    } finally {
      await close();
    }
  });

  (TEST_ENGINE === 'sqlite' ? it : it.skip)(
    'should name a SQLite file that cannot be opened as SERVICE_UNAVAILABLE',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'careergraph-cantopen-'));
      const db = createDataSource({ type: 'sqlite', path: dir }); // a directory, not a database file
      const err = await db.initialize().catch((e: unknown) => e);
      rmSync(dir, { recursive: true, force: true });
      expect(classifyDatabaseError(err)).toEqual({ kind: 'unavailable', reason: 'cannot-open' });
    },
  );
});
