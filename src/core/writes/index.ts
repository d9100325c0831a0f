export { openWritePath, runWrite, writePathOf, writesReady } from './write-path';
export type { WriteWork } from './write-path';
export { classifyDatabaseError, serviceUnavailable, writeErrorFrom } from './database-errors';
export type { DatabaseFault, UnavailableReason } from './database-errors';
export { currentDeadline, Deadline, withDeadline } from './deadline';
