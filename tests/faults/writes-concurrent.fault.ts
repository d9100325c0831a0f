import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEditorKey,
  judge,
  requireBuild,
  seconds,
  ServerProcess,
  startServer,
  storedSkills,
  tally,
  writers,
} from './writes/harness';

/**
 * Eight editors writing at once for FAULTS_WRITE_SECONDS (8 s in CI; 30 s for the figures in
 * docs/operations.md), then kill -9 and a restart: every acknowledged write is there, whole, and
 * every refusal carries a code.
 */
const DURATION = seconds('FAULTS_WRITE_SECONDS', 8);

describe('Concurrent writers on SQLite, killed and restarted', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'careergraph-writes-'));
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep every acknowledged write across kill -9, with no 500 and no partial write', async () => {
    const path = join(dir, 'writes.sqlite');
    const url = `sqlite:${path}`;
    const key = await createEditorKey(url);
    server = await startServer(url);
    const load = writers(server.url, key, 8, 'cw');
    await new Promise((r) => setTimeout(r, DURATION));
    await server.kill('SIGKILL');
    const outcomes = await load.stop();

    server = await startServer(url);
    const stored = await storedSkills(path, 'cw');
    const { lost, partial, internal, phantom } = judge(outcomes, stored);
    const counts = tally(outcomes);
    console.log(
      `concurrent writers: ${JSON.stringify({ ...counts, stored: stored.size, lost: lost.length, partial: partial.length })}`,
    );

    expect(counts.acknowledged).toBeGreaterThan(20);
    expect(internal.slice(0, 3)).toEqual([]);
    expect(lost).toEqual([]);
    expect(partial).toEqual([]);
    expect(phantom).toEqual([]);
    // the restarted server still takes writes
    const after = writers(server.url, key, 1, 'cw-after');
    await new Promise((r) => setTimeout(r, 300));
    expect(tally(await after.stop()).acknowledged).toBeGreaterThan(0);
  });
});
