import { ServerResponse } from 'node:http';
import { Deadline } from '../writes';

/**
 * A request in flight under its deadline, linked in arrival order. The route takes its entry
 * out of the queue (`settle`) as it answers, so an answered request is not kept for its deadline.
 * One the route does not see answered (a check answering by itself, later) is taken out by the
 * queue's sweep within SWEEP_MS: held until its deadline (15 s by default), its response (with
 * its request and body) would keep every such request in memory that long.
 */
export interface DeadlineEntry {
  res: ServerResponse | undefined;
  deadline: Deadline;
  requestId: string;
  prev: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  queued: boolean;
}

/** At most this long between sweeps for requests answered unseen or whose client is gone. */
export const SWEEP_MS = 1000;

/**
 * The deadlines of the requests in flight, with one timer for all of them instead of a timer and
 * a `close` listener per request. Every deadline is the same length, so the order requests
 * arrive in is the order their deadlines pass: a queue, whose head the timer waits for.
 * `expire` is called for each request still unanswered (and still connected) when its deadline
 * passes.
 *
 * A linked list rather than an array: an entry leaves from anywhere as its request is answered,
 * so an answered request's entry dies young instead of waiting 15 s in the old generation.
 *
 * The response is held strongly, and the timer wakes at least every SWEEP_MS while requests are
 * in flight to take out those answered unseen. It was held through a WeakRef before: making one
 * costs about 1.5 µs (a loop making an entry and awaiting once: 143 ns an entry holding the
 * response, 1,418 to 2,213 through a WeakRef), about 1% of a `{ __typename }` request, and a
 * response answered unseen then waited for a full collection rather than a second.
 */
export class DeadlineQueue {
  private head: DeadlineEntry | undefined;
  private tail: DeadlineEntry | undefined;
  private count = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly expire: (entry: {
      res: ServerResponse;
      deadline: Deadline;
      requestId: string;
    }) => void,
    private readonly sweepMs = SWEEP_MS,
  ) {}

  add(res: ServerResponse, deadline: Deadline, requestId: string): DeadlineEntry {
    const entry: DeadlineEntry = {
      res,
      deadline,
      requestId,
      prev: this.tail,
      next: undefined,
      queued: true,
    };
    if (this.tail) this.tail.next = entry;
    else this.head = entry;
    this.tail = entry;
    this.count++;
    if (!this.timer) this.arm();
    return entry;
  }

  /** The request is being answered: its deadline no longer applies. */
  settle(entry: DeadlineEntry): void {
    if (!entry.queued) return;
    entry.queued = false;
    entry.res = undefined;
    if (entry.prev) entry.prev.next = entry.next;
    else this.head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.tail = entry.prev;
    entry.prev = entry.next = undefined;
    this.count--;
    // the timer stays armed for this entry's deadline: on firing it finds the next head
  }

  /** Requests still waiting for their deadline (those answered unseen included until the next sweep). */
  get size(): number {
    return this.count;
  }

  private arm(): void {
    while (this.head && !unsettled(this.head)) this.settle(this.head);
    if (!this.head) {
      this.timer = undefined;
      return;
    }
    const wait = Math.min(this.sweepMs, Math.max(0, this.head.deadline.at - Date.now()));
    // unref: an entry answered unseen may wait here for the sweep; it holds nothing open
    this.timer = setTimeout(() => this.fire(), wait).unref();
  }

  private fire(): void {
    const now = Date.now();
    while (this.head && this.head.deadline.at <= now) {
      const entry = this.head;
      const res = unsettled(entry);
      this.settle(entry);
      if (res) this.expire({ res, deadline: entry.deadline, requestId: entry.requestId });
    }
    this.sweep();
    this.timer = undefined;
    this.arm();
  }

  /** Takes out the entries of requests answered unseen or whose client is gone. */
  private sweep(): void {
    for (let entry = this.head; entry;) {
      const next = entry.next;
      if (!unsettled(entry)) this.settle(entry);
      entry = next;
    }
  }
}

/**
 * The entry's response while it is unanswered and its client still there; undefined once it is
 * answered or its client gone (a per-request timer would have been cleared on `close`).
 */
function unsettled(entry: DeadlineEntry): ServerResponse | undefined {
  const res = entry.res;
  if (!res || res.headersSent || res.destroyed) return undefined;
  return res;
}
