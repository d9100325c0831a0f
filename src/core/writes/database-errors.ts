import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';

/** Why the database cannot take a write now; each is answered SERVICE_UNAVAILABLE. */
export type UnavailableReason =
  | 'disk-full'
  | 'read-only'
  | 'io-error'
  | 'cannot-open'
  | 'damaged'
  | 'moved'
  | 'busy'
  | 'unreachable'
  | 'timeout'
  | 'deadline';

/**
 * What a database error means for the client: a clash with stored data (CONFLICT naming the
 * field), the database unable to commit for now (SERVICE_UNAVAILABLE), or neither (a bug: 500).
 */
export type DatabaseFault =
  | { kind: 'conflict'; field: string; columns: string[] }
  | { kind: 'unavailable'; reason: UnavailableReason }
  | null;

/**
 * Faults that last until something outside the process changes (the disk, the file, the
 * network): while one holds, /readyz answers 503. Contention and timeouts pass by themselves.
 */
const LASTING: ReadonlySet<UnavailableReason> = new Set([
  'disk-full',
  'read-only',
  'io-error',
  'cannot-open',
  'damaged',
  'moved',
  'unreachable',
]);
export const isLasting = (reason: UnavailableReason) => LASTING.has(reason);

const SQLITE: Record<string, UnavailableReason> = {
  SQLITE_FULL: 'disk-full',
  SQLITE_READONLY: 'read-only',
  SQLITE_IOERR: 'io-error',
  SQLITE_CANTOPEN: 'cannot-open',
  SQLITE_CORRUPT: 'damaged',
  SQLITE_NOTADB: 'damaged',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  // a connection closed under a statement (the write path reopens it at the next write)
  SQLITE_MISUSE: 'io-error',
};

/** PostgreSQL SQLSTATEs: class 08 (connection), 57P0x (server going or gone), 53 (resources). */
function postgresReason(code: string): UnavailableReason | null {
  if (code === '57014') return 'timeout'; // statement_timeout or a cancel
  if (code.startsWith('08') || /^57P0[1-4]$/.test(code)) return 'unreachable';
  if (code === '53100') return 'disk-full';
  if (code.startsWith('53')) return 'busy'; // too many connections, out of memory
  if (code === '25006') return 'read-only'; // read_only_sql_transaction: a standby took the write
  if (code === '40001' || code === '40P01') return 'busy'; // serialization failure, deadlock: retry
  return null;
}

const NETWORK =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Query read timeout|terminating connection/i;

/**
 * A statement refused before it left the process, because its connection was already gone: pg's
 * client after a connection error or close ("... is not queryable"), and TypeORM's query runner,
 * which releases itself when its connection fails between two statements (no SQLSTATE, no code).
 */
const NOT_SENT_NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);
const NOT_SENT =
  /not queryable|Query runner already released|connection provided by a query runner was already released/i;
const notSent = (layer: Record<string, unknown>) =>
  NOT_SENT_NAMES.has(String(layer.name ?? '')) || NOT_SENT.test(String(layer.message ?? ''));

/**
 * Whether `err` shows its statement never reached the database (the connection was gone first):
 * a COMMIT refused so was never sent, and the write is known not committed.
 */
export const neverSent = (err: unknown): boolean => layers(err).some(notSent);

/** The error itself and what it wraps (TypeORM's QueryFailedError keeps the driver's error). */
function layers(err: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let current = err as Record<string, unknown> | undefined;
  for (let i = 0; current && typeof current === 'object' && i < 4; i += 1) {
    out.push(current);
    current = (current.driverError ?? current.cause) as Record<string, unknown> | undefined;
  }
  return out;
}

const camel = (column: string) =>
  column.replace(/_id$/, '').replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The columns a unique violation names: SQLite's message or PostgreSQL's detail. */
function uniqueColumns(layer: Record<string, unknown>): string[] | null {
  const message = String(layer.message ?? '');
  const sqlite = /UNIQUE constraint failed: (.+)$/m.exec(message);
  if (sqlite) return sqlite[1].split(',').map((c) => c.trim().split('.').pop() as string);
  if (layer.code === '23505') {
    const detail = /^Key \(([^)]+)\)=/.exec(String(layer.detail ?? ''));
    return detail
      ? detail[1].split(',').map((c) => c.trim().replace(/"/g, ''))
      : [String(layer.constraint ?? 'input')];
  }
  return null;
}

export function classifyDatabaseError(err: unknown): DatabaseFault {
  for (const layer of layers(err)) {
    const columns = uniqueColumns(layer);
    if (columns) return { kind: 'conflict', columns, field: `input.${camel(columns[0])}` };
    const code = typeof layer.code === 'string' ? layer.code : '';
    if (SQLITE[code]) return { kind: 'unavailable', reason: SQLITE[code] };
    const pg = /^[0-9A-Z]{5}$/.test(code) ? postgresReason(code) : null;
    if (pg) return { kind: 'unavailable', reason: pg };
    if (NETWORK.test(code) || NETWORK.test(String(layer.message ?? '')) || notSent(layer))
      return { kind: 'unavailable', reason: 'unreachable' };
  }
  return null;
}

const MESSAGES: Record<UnavailableReason, string> = {
  'disk-full': 'The database disk is full',
  'read-only': 'The database cannot be written (read-only file or disk)',
  'io-error': 'The database disk failed to write',
  'cannot-open': 'The database file cannot be opened',
  damaged: 'The database file is damaged',
  moved: 'The database file was moved or deleted while the server was running',
  busy: 'The database is busy with another writer',
  unreachable: 'The database cannot be reached',
  timeout: 'The database did not answer in time',
  deadline: 'The request ran out of time before its write could start or commit',
};

/** SERVICE_UNAVAILABLE (HTTP 503): nothing was written; the client may retry later. */
export function serviceUnavailable(reason: UnavailableReason, detail?: string): GraphQLError {
  const message = `${MESSAGES[reason]}; nothing was written, try again later${detail ? ` (${detail})` : ''}`;
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason, http: { status: 503 } },
  });
}

/**
 * SERVICE_UNAVAILABLE for a write whose COMMIT was sent and whose answer was lost with the
 * connection: it may have been applied, so this one never says "nothing was written"
 * (`extensions.outcome` is `UNKNOWN` for clients that decide by code, not by words).
 */
export function outcomeUnknown(reason: UnavailableReason): GraphQLError {
  return new GraphQLError(
    `${MESSAGES[reason]}; the connection was lost during COMMIT, so the write may have been applied: read it back before retrying`,
    {
      extensions: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        reason,
        outcome: 'UNKNOWN',
        http: { status: 503 },
      },
    },
  );
}

/** The coded error a database failure becomes, or null when it is not one we can name. */
export function writeErrorFrom(err: unknown): GraphQLError | null {
  if (err instanceof GraphQLError) return err;
  const fault = classifyDatabaseError(err);
  if (!fault) return null;
  if (fault.kind === 'conflict') {
    return new GraphQLError(`A record with the same ${fault.columns.join(', ')} already exists`, {
      extensions: { code: ErrorCode.CONFLICT, field: fault.field },
    });
  }
  return serviceUnavailable(fault.reason);
}
