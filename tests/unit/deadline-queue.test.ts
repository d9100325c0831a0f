import { execFileSync } from 'node:child_process';
import { ServerResponse } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * An answered request waits in the deadline queue until its deadline passes (15 s by default);
 * the queue must not keep its response (and through it the request and its body) alive that long.
 * Run in a child process with --expose-gc, the only way to ask V8 for a full collection.
 */
describe('DeadlineQueue', () => {
  it('should let answered responses be collected while their deadlines are still ahead', () => {
    const script = `
      const { DeadlineQueue } = require(${JSON.stringify(join(ROOT, 'src/core/http/deadline-queue.ts'))});
      const { Deadline } = require(${JSON.stringify(join(ROOT, 'src/core/writes/deadline.ts'))});
      const queue = new DeadlineQueue(() => undefined);
      const inFlight = [];
      const probes = [];
      for (let i = 0; i < 200; i++) {
        // a stand-in for an http.ServerResponse (which holds its request and body)
        const res = { headersSent: i % 50 !== 0, destroyed: false, body: new Array(1000).fill(i) };
        if (!res.headersSent) inFlight.push(res);
        probes.push(new WeakRef(res));
        queue.add(res, new Deadline(Date.now() + 60_000), 'r' + i);
      }
      // a later job: objects a WeakRef was made or read in this one are kept until it ends
      setImmediate(() => {
        global.gc();
        const alive = probes.filter((p) => p.deref() !== undefined).length;
        process.stdout.write(JSON.stringify({ alive, size: queue.size, inFlight: inFlight.length }));
        process.exit(0);
      });
    `;
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '-r', join(ROOT, 'tests', 'helpers', 'ts-register.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const { alive, size, inFlight } = JSON.parse(out) as {
      alive: number;
      size: number;
      inFlight: number;
    };
    expect(size).toBe(200); // every entry still waits for its deadline
    expect(inFlight).toBe(4);
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
    // held here as a request's socket holds its response: the queue holds them only weakly, and
    // a collection during the wait below cleared unheld stand-ins (nothing then expired)
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
