import { ServerResponse } from 'node:http';
import { Deadline } from '../writes';

/**
 * A request in flight under its deadline. The response is held weakly: an answered request's
 * entry waits in the queue until its deadline passes (15 s by default), and holding its response
 * (and through it the request and its body) that long kept every request of those seconds in
 * memory: at 4,000 requests a second, peak RSS went from about 220 MB to 550 MB.
 */
export interface DeadlineEntry {
  res: WeakRef<ServerResponse> | undefined;
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

  constructor(
    private readonly expire: (entry: {
      res: ServerResponse;
      deadline: Deadline;
      requestId: string;
    }) => void,
  ) {}

  add(res: ServerResponse, deadline: Deadline, requestId: string): DeadlineEntry {
    const entry: DeadlineEntry = { res: new WeakRef(res), deadline, requestId };
    this.entries.push(entry);
    if (!this.timer) this.arm();
    return entry;
  }

  /** Requests still waiting for their deadline (answered ones included until the timer passes them). */
  get size(): number {
    return this.entries.length - this.head;
  }

  private arm(): void {
    while (this.head < this.entries.length && !unsettled(this.entries[this.head])) this.head++;
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
      const res = unsettled(entry);
      if (res) this.expire({ res, deadline: entry.deadline, requestId: entry.requestId });
    }
    this.timer = undefined;
    this.arm();
  }
}

/**
 * The entry's response while it is unanswered and its client still there; undefined once it is
 * answered, its client gone (a per-request timer would have been cleared on `close`), or
 * collected (only an answered response can be: a request in flight is held by its socket).
 */
function unsettled(entry: DeadlineEntry): ServerResponse | undefined {
  const res = entry.res?.deref();
  if (!res || res.headersSent || res.destroyed) {
    entry.res = undefined;
    return undefined;
  }
  return res;
}
