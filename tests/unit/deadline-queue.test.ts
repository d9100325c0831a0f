import { execFileSync } from 'node:child_process';
import { ServerResponse } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A request answered where the route does not see it stays in the deadline queue until the
 * queue's sweep; the queue must not keep its response (and through it the request and its body)
 * alive until the deadline (15 s by default). Run in a child process with --expose-gc, the only
 * way to ask V8 for a full collection.
 */
describe('DeadlineQueue', () => {
  it('should let responses answered unseen be collected while their deadlines are still ahead', () => {
    const script = `
      const { DeadlineQueue } = require(${JSON.stringify(join(ROOT, 'src/core/http/deadline-queue.ts'))});
      const { Deadline } = require(${JSON.stringify(join(ROOT, 'src/core/writes/deadline.ts'))});
      const queue = new DeadlineQueue(() => undefined, 20); // a sweep every 20 ms
      const inFlight = [];
      const probes = [];
      for (let i = 0; i < 200; i++) {
        // a stand-in for an http.ServerResponse (which holds its request and body)
        const res = { headersSent: i % 50 !== 0, destroyed: false, body: new Array(1000).fill(i) };
        if (!res.headersSent) inFlight.push(res);
        probes.push(new WeakRef(res));
        queue.add(res, new Deadline(Date.now() + 60_000), 'r' + i);
      }
      const before = queue.size;
      // past a sweep, in a later job (objects a WeakRef was made or read in are kept until it ends)
      setTimeout(() => {
        global.gc();
        const alive = probes.filter((p) => p.deref() !== undefined).length;
        process.stdout.write(JSON.stringify({ alive, before, size: queue.size, inFlight: inFlight.length }));
        process.exit(0);
      }, 100);
    `;
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '-r', join(ROOT, 'tests', 'helpers', 'ts-register.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const { alive, before, size, inFlight } = JSON.parse(out) as {
      alive: number;
      before: number;
      size: number;
      inFlight: number;
    };
    expect(before).toBe(200); // queued, none settled by the route
    expect(inFlight).toBe(4);
    expect(size).toBe(4); // the sweep took out the answered ones, their deadlines still ahead
    // of the 200 responses queued, only the 4 unanswered ones may still be alive
    expect(alive).toBe(4);
  });

  it('should take an answered request out of the queue, and expire only those left', async () => {
    // real modules under jest: a short deadline, a response stand-in per request
    const { DeadlineQueue } = await import('../../src/core/http/deadline-queue');
    const { Deadline } = await import('../../src/core/writes/deadline');
    const expired: string[] = [];
    const expiredResponses: ServerResponse[] = [];
    const queue = new DeadlineQueue(({ requestId, res }) => {
      expired.push(requestId);
      expiredResponses.push(res);
    });
    // held here as a request's socket holds its response
    const responses = ['a', 'b', 'c', 'd'].map(
      () => ({ headersSent: false, destroyed: false }) as unknown as ServerResponse,
    );
    const at = Date.now() + 30;
    const entries = ['a', 'b', 'c', 'd'].map((id, i) =>
      queue.add(responses[i], new Deadline(at), id),
    );
    queue.settle(entries[0]);
    queue.settle(entries[2]);
    queue.settle(entries[2]); // twice: no harm
    expect(queue.size).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(expired).toEqual(['b', 'd']);
    // each with its own response (the very objects: the stand-ins look alike)
    expect(expiredResponses).toHaveLength(2);
    expect(expiredResponses[0]).toBe(responses[1]);
    expect(expiredResponses[1]).toBe(responses[3]);
    expect(queue.size).toBe(0);
    queue.settle(entries[3]); // answered after its deadline passed: nothing left to take out
    expect(queue.size).toBe(0);
  });
});
