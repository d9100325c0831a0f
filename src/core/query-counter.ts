import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { currentRequestScope, withinRequestScope } from './request-scope';

/** Counts SQL statements per request (through the request's scope, src/core/request-scope.ts) and in total. */
export interface StatementCount {
  statements: number;
  /**
   * Whether a statement ran on a read replica (DATABASE_READ_URLS): such an answer may be older
   * than the graph version the request was read at, so the response cache does not keep it.
   */
  replica?: boolean;
}

let total = 0;

/** Runs `fn` with a fresh per-request statement counter. */
export function withStatementCount<T>(counter: StatementCount, fn: () => T): T {
  return withinRequestScope({ sql: counter }, fn);
}

export function totalStatements(): number {
  return total;
}

const listeners: ((sql: string) => void)[] = [];

/** Calls `listener` with every SQL statement, in any request or none (metrics count them). */
export function onStatement(listener: (sql: string) => void): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

/** A TypeORM logger that counts every statement and forwards errors to our log. */
export class CountingLogger extends AbstractLogger {
  constructor(private readonly onError: (message: string) => void = () => undefined) {
    super(['query', 'error']);
  }

  logQuery(query: string, _parameters?: unknown[], runner?: QueryRunner): void {
    total += 1;
    const counter = currentRequestScope()?.sql;
    if (counter) {
      counter.statements += 1;
      if (runner?.getReplicationMode() === 'slave') counter.replica = true;
    }
    for (const listener of listeners) listener(query);
  }

  protected writeLog(
    level: LogLevel,
    message: LogMessage | string | number | (LogMessage | string | number)[],
    _runner?: QueryRunner,
  ): void {
    if (level !== 'warn') return;
    for (const m of this.prepareLogMessages(message)) this.onError(String(m.message));
  }
}
