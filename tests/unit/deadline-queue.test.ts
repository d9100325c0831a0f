import { execFileSync } from 'node:child_process';
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
      const expired = [];
      const queue = new DeadlineQueue((entry) => expired.push(entry.requestId));
      const inFlight = [];
      for (let i = 0; i < 200; i++) {
        // a stand-in for an http.ServerResponse holding 256 kB (its request and body)
        const res = { headersSent: i % 50 !== 0, destroyed: false, body: Buffer.alloc(256 * 1024, 1) };
        if (!res.headersSent) inFlight.push(res);
        queue.add(res, new Deadline(Date.now() + 60_000), 'r' + i);
      }
      setImmediate(() => {
        global.gc();
        const mb = process.memoryUsage().arrayBuffers / 2 ** 20;
        process.stdout.write(JSON.stringify({ mb, size: queue.size, inFlight: inFlight.length }));
        process.exit(0);
      });
    `;
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '-r', join(ROOT, 'tests', 'helpers', 'ts-register.js'), '-e', script],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const { mb, size, inFlight } = JSON.parse(out) as {
      mb: number;
      size: number;
      inFlight: number;
    };
    expect(size).toBe(200); // every entry still waits for its deadline
    expect(inFlight).toBe(4);
    // 200 x 256 kB = 50 MB were queued; only the 4 unanswered ones (1 MB) may stay
    expect(mb).toBeLessThan(5);
  });
});
