import { ServerResponse } from 'node:http';
import { Deadline } from '../writes';

/** A request in flight under its deadline; `res` is dropped once it is answered. */
export interface DeadlineEntry {
  res: ServerResponse | undefined;
  deadline: Deadline;
  requestId: string;
}

/**
 * The deadlines of the requests in flight, with one timer for all of them instead of a timer and
 * a `close` listener per request. Every deadline is the same length, so the order requests
 * arrive in is the order their deadlines pass: a queue, whose head the timer waits for.
 * `expire` is called for each request still unanswered (and still connected) when its deadline
 * passes.
 */
export class DeadlineQueue {
  private entries: DeadlineEntry[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly expire: (entry: DeadlineEntry & { res: ServerResponse }) => void) {}

  add(res: ServerResponse, deadline: Deadline, requestId: string): DeadlineEntry {
    const entry: DeadlineEntry = { res, deadline, requestId };
    this.entries.push(entry);
    if (!this.timer) this.arm();
    return entry;
  }

  /** Requests still waiting for their deadline (answered ones included until the timer passes them). */
  get size(): number {
    return this.entries.length - this.head;
  }

  private arm(): void {
    while (this.head < this.entries.length && settled(this.entries[this.head])) this.head++;
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
      this.timer = undefined;
      return;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    const wait = Math.max(0, this.entries[this.head].deadline.at - Date.now());
    // unref: an answered request's entry may wait here for its deadline; it holds nothing open
    this.timer = setTimeout(() => this.fire(), wait).unref();
  }

  private fire(): void {
    const now = Date.now();
    while (this.head < this.entries.length && this.entries[this.head].deadline.at <= now) {
      const entry = this.entries[this.head++];
      if (!settled(entry)) this.expire(entry as DeadlineEntry & { res: ServerResponse });
    }
    this.timer = undefined;
    this.arm();
  }
}

/** Answered, or its client is gone (a per-request timer would have been cleared on `close`). */
function settled(entry: DeadlineEntry): boolean {
  const res = entry.res;
  if (!res || res.headersSent || res.destroyed) {
    entry.res = undefined;
    return true;
  }
  return false;
}
