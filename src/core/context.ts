import { DataSource } from 'typeorm';
import { AuthInfo } from './auth/keys';
import type { WithAnswerBody } from './http/answer-body';
import { LoaderRegistry } from './loaders';
import { StatementCount } from './query-counter';
import type { Deadline } from './writes/deadline';

/** What every resolver receives: the database, this request's loaders and who is asking. */
export interface Context extends WithAnswerBody {
  db: DataSource;
  loaders: LoaderRegistry;
  requestId: string;
  sql: StatementCount;
  /** The API key the request carries, or null for an anonymous (read-only) request. */
  auth: AuthInfo | null;
  /** The caller's address (rate limiting buckets anonymous requests by it); set by the HTTP app. */
  clientIp?: string;
  /** The request's deadline (REQUEST_DEADLINE_MS), which writes honour; none outside HTTP. */
  deadline?: Deadline;
}

export function createContext(
  db: DataSource,
  requestId: string,
  sql: StatementCount = { statements: 0 },
  auth: AuthInfo | null = null,
): Context {
  return { db, loaders: new LoaderRegistry(db, sql), requestId, sql, auth };
}
