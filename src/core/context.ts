import { DataSource } from 'typeorm';
import { LoaderRegistry } from './loaders';
import { StatementCount } from './query-counter';

/** What every resolver receives: the database and this request's loaders. */
export interface Context {
  db: DataSource;
  loaders: LoaderRegistry;
  requestId: string;
  sql: StatementCount;
}

export function createContext(db: DataSource, requestId: string, sql: StatementCount = { statements: 0 }): Context {
  return { db, loaders: new LoaderRegistry(db), requestId, sql };
}
