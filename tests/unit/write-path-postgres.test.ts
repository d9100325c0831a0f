import { GraphQLError } from 'graphql';
import { DataSource, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { runWrite } from '../../src/core/writes';

/**
 * PostgreSQL's write path with its connection failing at each step, on a stand-in query runner
 * (no server needed): what each failure is answered, and whether it says the write may have been
 * applied. A connection killed between two statements leaves TypeORM's runner released: the next
 * statement, the COMMIT too, is refused before it is sent.
 */
type Step = 'connect' | 'startTransaction' | 'work' | 'commitTransaction';

function database(failAt: Step, error: () => Error) {
  const fail = (step: Step) => (failAt === step ? Promise.reject(error()) : Promise.resolve());
  const released: (Error | undefined)[] = [];
  const runner = {
    isTransactionActive: false,
    manager: {},
    connect: () => fail('connect'),
    async startTransaction() {
      await fail('startTransaction');
      runner.isTransactionActive = true;
    },
    async commitTransaction() {
      await fail('commitTransaction');
      runner.isTransactionActive = false;
    },
    async rollbackTransaction() {
      runner.isTransactionActive = false;
    },
    async releasePostgresConnection(err?: Error) {
      released.push(err);
    },
  };
  const db = {
    options: { type: 'postgres' },
    createQueryRunner: () => runner,
    destroy: async () => undefined,
  } as unknown as DataSource;
  return { db, released, work: () => fail('work') };
}

const lost = () =>
  new QueryFailedError('COMMIT', [], new Error('Connection terminated unexpectedly'));

describe('The PostgreSQL write path when its connection is killed', () => {
  it.each<[Step, () => Error]>([
    ['connect', () => new Error('Connection terminated unexpectedly')],
    ['startTransaction', () => new QueryRunnerAlreadyReleasedError()],
    ['work', () => new QueryRunnerAlreadyReleasedError()],
    ['commitTransaction', () => new QueryRunnerAlreadyReleasedError()],
    [
      'commitTransaction',
      () =>
        new QueryFailedError(
          'COMMIT',
          [],
          new Error('Client has encountered a connection error and is not queryable'),
        ),
    ],
  ])(
    'should refuse a write failing at %s with SERVICE_UNAVAILABLE, nothing written',
    async (step, error) => {
      const { db, released, work } = database(step, error);
      const err = (await runWrite(db, work).catch((e: unknown) => e)) as GraphQLError;
      expect(err).toBeInstanceOf(GraphQLError);
      expect(err.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'unreachable' });
      expect(err.message).toMatch(/nothing was written/);
      expect(released).toHaveLength(1);
      expect(released[0]).toBeInstanceOf(Error); // the connection is destroyed, not pooled again
    },
  );

  it('should say the write may have been applied when the connection was lost during COMMIT', async () => {
    const { db, work } = database('commitTransaction', lost);
    const err = (await runWrite(db, work).catch((e: unknown) => e)) as GraphQLError;
    expect(err.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'unreachable',
      outcome: 'UNKNOWN',
    });
    expect(err.message).toMatch(/may have been applied/);
    expect(err.message).not.toMatch(/nothing was written/);
  });
});
