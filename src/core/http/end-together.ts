import { ServerResponse } from 'node:http';

/** Ends a response with its whole body. */
export type EndResponse = (res: ServerResponse, body: string | Buffer) => void;

/** At once: node:http's own `res.end`. */
export const endNow: EndResponse = (res, body) => {
  res.end(body);
};

let waiting: (ServerResponse | string | Buffer)[] = [];

function endWaiting(): void {
  const batch = waiting;
  waiting = [];
  for (let i = 0; i < batch.length; i += 2) {
    const res = batch[i] as ServerResponse;
    if (!res.destroyed && !res.writableEnded) res.end(batch[i + 1] as string | Buffer);
  }
}

/**
 * Ends the response when the event loop's current turn has run its callbacks (setImmediate),
 * together with every other answer that turn finished. Why: each `res.end` is a write to a socket,
 * and a write to a client asleep in its poll wakes it; over loopback (a load generator, a proxy or
 * sidecar holding many connections to this server) the wake-up is paid on this process's core,
 * and on a virtual machine it costs more than the write. Written one after another, the answers
 * of a turn wake such a client once. Measured on a bare node:http server answering after 60 µs of
 * work, with 10 connections from one autocannon: 16 to 27 µs less CPU a request, 17 to 33% more
 * requests a second (bench/README.md, "Eighteenth session"). The cost: an answer waits for the
 * rest of the turn, that is for the other requests whose data arrived in the same poll.
 */
export const endWithTurn: EndResponse = (res, body) => {
  if (waiting.length === 0) setImmediate(endWaiting);
  waiting.push(res, body);
};
