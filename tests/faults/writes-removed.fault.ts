import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseEnv,
  createEditorKey,
  createSkill,
  readyStatus,
  request,
  requireBuild,
  ROOT,
  ServerProcess,
  startServer,
  tally,
  waitFor,
} from './writes/harness';

/**
 * The database's directory removed while the server runs: writes are refused (they would go into
 * an unlinked file, lost at the next restart), /readyz answers 503, and the restart that finds no
 * database says so in the log before it seeds a new one (or, with DATABASE_MUST_EXIST, refuses).
 */
describe('A database file removed while serving', () => {
  let parent: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    requireBuild();
    parent = mkdtempSync(join(tmpdir(), 'careergraph-removed-'));
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(parent, { recursive: true, force: true });
  });

  it('should refuse writes and fail /readyz, and say so loudly at the next start', async () => {
    const dir = join(parent, 'data');
    mkdirSync(dir);
    const url = `sqlite:${join(dir, 'removed.sqlite')}`;
    const key = await createEditorKey(url);
    server = await startServer(url);
    expect((await createSkill(server.url, key, 'rm-before')).kind).toBe('acknowledged');
    expect(await readyStatus(server)).toBe(200);

    rmSync(dir, { recursive: true, force: true });
    const after = await Promise.all(
      [1, 2, 3].map((n) => createSkill(server!.url, key, `rm-after-${n}`)),
    );
    const ready = await readyStatus(server);
    console.log(
      `removed file: ${JSON.stringify({ writesAfterRemoval: tally(after), readyz: ready })}`,
    );
    for (const o of after)
      expect(o).toMatchObject({ kind: 'refused', code: 'SERVICE_UNAVAILABLE' });
    expect(ready).toBe(503);
    // reads go on from the file the process still holds open
    const read = await request(server.url, {
      body: JSON.stringify({ query: '{ skill(slug: "rm-before") { slug } }' }),
    });
    expect(read.body.data.skill.slug).toBe('rm-before');
    await server.kill('SIGKILL');

    // with DATABASE_MUST_EXIST the restart refuses to make a new, empty database
    const refused = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      env: baseEnv(url, { DATABASE_MUST_EXIST: 'true' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('DATABASE_MUST_EXIST');

    // without it, the restart says what it is about to do, at error level, before seeding
    server = await startServer(url);
    const missing = server.logs.findIndex((l) => l.event === 'database-missing');
    const seeded = server.logs.findIndex((l) => l.msg === 'database ready');
    expect(missing).toBeGreaterThan(-1);
    expect(server.logs[missing].level).toBe(50);
    expect(missing).toBeLessThan(
      await waitFor(() => (seeded > -1 ? seeded : undefined), 'the database ready line'),
    );
  });
});
