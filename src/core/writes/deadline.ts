import { currentRequestScope, withinRequestScope } from '../request-scope';

/**
 * A request's deadline as the write path sees it. The HTTP layer answers SERVICE_UNAVAILABLE
 * ("nothing was written") when the deadline passes, but never once a COMMIT was sent: from then on
 * only the request's own answer can say what happened (it may still be reading back what it
 * wrote), and a write that had not reached its COMMIT by then is rolled back, so a refusal is
 * never a write that happened after all.
 */
export class Deadline {
  private expired = false;
  private commitSent = false;

  constructor(readonly at: number) {}

  get remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** Called by the HTTP layer when the time is up: true if it may answer now (no COMMIT sent). */
  expire(): boolean {
    if (this.commitSent) return false;
    this.expired = true;
    return true;
  }

  get hasExpired(): boolean {
    return this.expired;
  }

  /** Called by the write path before COMMIT: false once the request was answered as refused. */
  beginCommit(): boolean {
    if (this.expired) return false;
    this.commitSent = true;
    return true;
  }
}

export const withDeadline = <T>(deadline: Deadline, fn: () => T): T =>
  withinRequestScope({ deadline }, fn);

/** The deadline of the request this code runs for, if any (CLIs and start-up have none). */
export const currentDeadline = (): Deadline | undefined => currentRequestScope()?.deadline;
