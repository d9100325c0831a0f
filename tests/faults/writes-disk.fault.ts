import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEditorKey,
  FaultRun,
  judge,
  requireBuild,
  ServerProcess,
  startServer,
  storedSkills,
  tally,
  writeThroughFault,
} from './writes/harness';

/**
 * Eight editors writing while the disk fills up (an 8 MB tmpfs) or the database file becomes
 * unwritable (chattr +i, the way an immutable or read-only file fails: SQLITE_IOERR at COMMIT),
 * then mended mid-run: refusals are SERVICE_UNAVAILABLE, /readyz answers 503 while writes cannot
 * commit and 200 once they can again, and after kill -9 and a restart every acknowledged write is
 * there, whole. Needs root (mount, chattr), as CI has.
 */
const PHASES = { beforeMs: 2000, duringMs: 3000, afterMs: 2000 };

function report(
  name: string,
  run: FaultRun,
  stored: Map<string, unknown>,
  lost: string[],
  partial: string[],
) {
  const figures = {
    before: tally(run.before),
    during: tally(run.during),
    after: tally(run.after),
    readyDuring: [...new Set(run.readyDuring)],
    readyAgain: run.readyAgain,
    stored: stored.size,
    lost: lost.length,
    partial: partial.length,
    servedWrong: run.servedWrong.length,
  };
  console.log(`${name}: ${JSON.stringify(figures)}`);
}

function expectHonest(run: FaultRun, verdict: ReturnType<typeof judge>) {
  const all = [...run.before, ...run.during, ...run.after];
  expect(verdict.internal.slice(0, 3)).toEqual([]);
  expect(verdict.lost).toEqual([]);
  expect(verdict.partial).toEqual([]);
  expect(verdict.phantom).toEqual([]);
  expect(run.servedWrong).toEqual([]); // and the server that lived through it served just that
  for (const o of all) if (o.kind === 'refused') expect(o.code).toBe('SERVICE_UNAVAILABLE');
  expect(tally(run.after).acknowledged).toBeGreaterThan(0);
  expect(run.readyAgain).toBe(true);
}

describe('Writes on a disk that fills up or turns unwritable', () => {
  const cleanups: (() => void)[] = [];
  let server: ServerProcess | undefined;

  beforeAll(requireBuild);
  afterEach(async () => {
    await server?.kill();
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch {
        // best effort: the next cleanup still runs
      }
    }
  });

  it('should refuse writes with SERVICE_UNAVAILABLE while the disk is full, and take them again once it is freed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-full-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir]);
    cleanups.push(() => execFileSync('umount', ['-l', dir]));
    const path = join(dir, 'full.sqlite');
    const url = `sqlite:${path}`;
    const key = await createEditorKey(url);
    server = await startServer(url);
    const filler = join(dir, 'filler');
    const fill = () => {
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    };
    const run = await writeThroughFault(
      server,
      key,
      'fd',
      PHASES,
      fill,
      () => existsSync(filler) && unlinkSync(filler),
    );

    server = await startServer(url);
    const stored = await storedSkills(path, 'fd');
    const verdict = judge([...run.before, ...run.during, ...run.after], stored);
    report('full disk', run, stored, verdict.lost, verdict.partial);
    expectHonest(run, verdict);
    expect(tally(run.during).refused).toBeGreaterThan(0);
    expect(run.readyDuring).toContain(503);
  });

  it('should refuse writes with SERVICE_UNAVAILABLE while the database file cannot be written, and take them again after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-readonly-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'readonly.sqlite');
    const url = `sqlite:${path}`;
    const key = await createEditorKey(url);
    server = await startServer(url);
    // not the -shm file: SQLite maps it, and a write to a mapped page of an immutable file is SIGBUS
    const files = () => [path, `${path}-wal`].filter(existsSync);
    const unlock = () => execFileSync('chattr', ['-i', ...files()]);
    cleanups.push(unlock);
    const run = await writeThroughFault(
      server,
      key,
      'ro',
      PHASES,
      () => execFileSync('chattr', ['+i', ...files()]),
      unlock,
    );

    server = await startServer(url);
    const stored = await storedSkills(path, 'ro');
    const verdict = judge([...run.before, ...run.during, ...run.after], stored);
    report('read-only file', run, stored, verdict.lost, verdict.partial);
    expectHonest(run, verdict);
    expect(tally(run.during).refused).toBeGreaterThan(0);
    expect(run.readyDuring).toContain(503);
  });
});
