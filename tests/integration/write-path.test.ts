import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { GraphQLError } from 'graphql';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo, createApiKey } from '../../src/core/auth/keys';
import { createDataSource } from '../../src/app/data-source';
import { openWritePath, runWrite, writesReady } from '../../src/core/writes';
import { createLogger } from '../../src/core/logger';
import { keyFor, runAs } from '../support/auth';
import { onlyOn, TEST_ENGINE } from '../support/database';
import { GraphVersionWatcher } from '../../src/core/cache/graph-version';
import { codeOf, startHttp, TestServer } from '../support/server';

const SKILL_CREATE = /* GraphQL */ `
  mutation Create($input: SkillCreateInput!) {
    skillCreate(input: $input) {
      skill {
        slug
      }
    }
  }
`;
const newSkill = (slug: string) => ({
  input: {
    slug,
    name: `Skill ${slug}`,
    category: 'TOOL',
    description: 'Made in a test',
    broader: 'server-and-cloud-management',
    cite: [{ source: 'backend-career-guide', section: 'Core technical skills' }],
  },
});

describe('The write path', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  const slugsLike = async (prefix: string) =>
    (
      await server.db.query(`SELECT slug FROM skills WHERE slug LIKE '${prefix}%' ORDER BY slug`)
    ).map((r: { slug: string }) => r.slug);

  it('should answer a same-slug race with one creation and CONFLICT naming input.slug for the rest', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => runAs(server, editor, SKILL_CREATE, newSkill('race-skill'))),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) {
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors?.[0].extensions?.field).toBe('input.slug');
    }
    expect(await slugsLike('race-skill')).toEqual(['race-skill']);
  });

  it('should commit every one of many concurrent writes, each visible from another connection', async () => {
    const slugs = Array.from({ length: 12 }, (_, i) => `many-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      slugs.map((slug) => runAs(server, editor, SKILL_CREATE, newSkill(slug))),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const other = createDataSource(
      server.db.options.type === 'sqlite'
        ? { type: 'sqlite', path: (server.db.options as { database: string }).database }
        : { type: 'postgres', url: (server.db.options as { url: string }).url },
    );
    await other.initialize();
    try {
      const seen = await other.query(
        `SELECT slug FROM skills WHERE slug LIKE 'many-%' ORDER BY slug`,
      );
      expect(seen.map((r: { slug: string }) => r.slug)).toEqual(slugs);
    } finally {
      await other.destroy();
    }
  });

  it('should roll back a write whose work fails, and let a read made meanwhile see none of it', async () => {
    let seenDuring: unknown[] = ['not read'];
    await expect(
      runWrite(server.db, async (em) => {
        await em.query(`UPDATE skills SET name = 'Uncommitted name' WHERE slug = 'docker'`);
        // a read of the API while this write is open: another connection on SQLite, another session on PostgreSQL
        seenDuring = await server.db.query(
          `SELECT slug FROM skills WHERE name = 'Uncommitted name'`,
        );
        throw new Error('the work fails');
      }),
    ).rejects.toThrow('the work fails');
    expect(seenDuring).toEqual([]);
    expect(
      await server.db.query(`SELECT slug FROM skills WHERE name = 'Uncommitted name'`),
    ).toEqual([]);
    expect(
      codeOf(await runAs(server, editor, SKILL_CREATE, newSkill('after-failed-work'))),
    ).toBeUndefined();
  });

  onlyOn('sqlite')('on SQLite', () => {
    it('should leave no transaction open after a COMMIT that fails, so the next write really commits', async () => {
      // a deferred foreign key fails at COMMIT, and SQLite then keeps the transaction open
      await expect(
        runWrite(server.db, async (em) => {
          await em.query('PRAGMA defer_foreign_keys = ON');
          await em.query(`UPDATE skills SET broader_id = 999999 WHERE slug = 'docker'`);
        }),
      ).rejects.toThrow(/FOREIGN KEY/);
      expect(
        codeOf(await runAs(server, editor, SKILL_CREATE, newSkill('after-failed-commit'))),
      ).toBeUndefined();
      const path = (server.db.options as { database: string }).database;
      const other = createDataSource({ type: 'sqlite', path });
      await other.initialize();
      try {
        expect(
          await other.query(`SELECT slug FROM skills WHERE slug = 'after-failed-commit'`),
        ).toEqual([{ slug: 'after-failed-commit' }]);
        expect(
          await other.query(`SELECT broader_id FROM skills WHERE slug = 'docker'`),
        ).not.toEqual([{ broader_id: 999999 }]);
      } finally {
        await other.destroy();
      }
    });
  });
});

onlyOn('sqlite')('The write path on a SQLite file that is moved away', () => {
  it('should refuse writes with SERVICE_UNAVAILABLE and report not ready, then recover when the file is back', async () => {
    const server = await TestServer.start();
    try {
      const editor = (await keyFor(server, ApiRole.EDITOR)).auth;
      const path = (server.db.options as { database: string }).database;
      expect(await writesReady(server.db)).toBe(true);
      renameSync(path, `${path}.moved`);
      const refused = await runAs(server, editor, SKILL_CREATE, newSkill('while-moved'));
      expect(codeOf(refused)).toBe('SERVICE_UNAVAILABLE');
      expect(refused.errors?.[0].extensions?.reason).toBe('moved');
      expect(await writesReady(server.db)).toBe(false);
      renameSync(`${path}.moved`, path);
      expect(await writesReady(server.db)).toBe(true);
      expect(
        codeOf(await runAs(server, editor, SKILL_CREATE, newSkill('moved-back'))),
      ).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});

/**
 * How this process can make a file SQLite opens read-only (it then does so without a word): chmod
 * for a user, chattr +i for root, whom permissions do not stop; null where neither works (root on a
 * file system without the immutable flag).
 */
function readOnlyFiles(): { lock(files: string[]): void; unlock(files: string[]): void } | null {
  if (process.getuid?.() !== 0)
    return {
      lock: (files) => files.forEach((f) => chmodSync(f, 0o444)),
      unlock: (files) => files.forEach((f) => chmodSync(f, 0o644)),
    };
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-chattr-'));
  try {
    writeFileSync(join(dir, 'probe'), '');
    execFileSync('chattr', ['+i', join(dir, 'probe')], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', join(dir, 'probe')], { stdio: 'ignore' });
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    lock: (files) => execFileSync('chattr', ['+i', ...files]),
    unlock: (files) => execFileSync('chattr', ['-i', ...files]),
  };
}
const readOnly = TEST_ENGINE === 'sqlite' ? readOnlyFiles() : null;
if (TEST_ENGINE === 'sqlite' && !readOnly)
  console.warn('skipped: running as root where chattr +i does not work, no file can be read-only');

(readOnly ? describe : describe.skip)('The write path started on a read-only SQLite file', () => {
  it('should report not ready from the start, refuse writes with read-only, and take them once the file is writable, without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-readonly-start-'));
    const path = join(dir, 'readonly.sqlite');
    const files = () => [path, `${path}-wal`, `${path}-shm`].filter(existsSync);
    const made = createDataSource({ type: 'sqlite', path });
    await made.initialize();
    await made.runMigrations();
    await made.destroy();
    readOnly!.lock(files());
    const db = createDataSource({ type: 'sqlite', path });
    try {
      await db.initialize(); // SQLite opens the file read-only: reads work, writes cannot
      openWritePath(db, createLogger('silent'));
      const bump = () =>
        runWrite(db, (em) => em.query('UPDATE graph_state SET version = version + 1 WHERE id = 1'));
      expect(await writesReady(db)).toBe(false);
      const refused = (await bump().catch((e: unknown) => e)) as GraphQLError;
      expect(refused.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        reason: 'read-only',
      });
      // the -wal and -shm files the read-only start made are read-only too
      readOnly!.unlock(files());
      await new Promise((r) => setTimeout(r, 1000)); // /readyz probes at most once a second
      expect(await writesReady(db)).toBe(true);
      await bump();
      expect(await db.query('SELECT version FROM graph_state WHERE id = 1')).toEqual([
        { version: 2 },
      ]);
    } finally {
      try {
        readOnly!.unlock(files());
      } catch {
        // unlocked already
      }
      if (db.isInitialized) await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

onlyOn('sqlite')('The request deadline', () => {
  it('should answer a write whose COMMIT succeeded with its outcome, even when the deadline passes after it', async () => {
    const http = await startHttp(undefined, {
      config: { requestDeadlineMs: 300 },
      responseCache: true,
    });
    const { key } = await createApiKey(http.db, 'late editor', ApiRole.EDITOR);
    // what a write does after its COMMIT (the version read back, here slowed past the deadline)
    const refresh = GraphVersionWatcher.prototype.refresh;
    const slowed = jest
      .spyOn(GraphVersionWatcher.prototype, 'refresh')
      .mockImplementation(async function (this: GraphVersionWatcher) {
        await new Promise((r) => setTimeout(r, 700));
        return refresh.call(this);
      });
    try {
      const res = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: SKILL_CREATE, variables: newSkill('committed-late') }),
      });
      const body = (await res.json()) as any;
      const stored = await http.db.query(`SELECT slug FROM skills WHERE slug = 'committed-late'`);
      expect(stored).toEqual([{ slug: 'committed-late' }]);
      expect({ status: res.status, data: body.data, errors: body.errors }).toEqual({
        status: 200,
        data: { skillCreate: { skill: { slug: 'committed-late' } } },
        errors: undefined,
      });
    } finally {
      slowed.mockRestore();
      await http.stop();
    }
  });

  it('should answer SERVICE_UNAVAILABLE in time while another process holds the write lock, and never apply that write', async () => {
    const http = await startHttp(undefined, { config: { requestDeadlineMs: 400 } });
    const path = (http.db.options as { database: string }).database;
    const { key } = await createApiKey(http.db, 'deadline editor', ApiRole.EDITOR).then((r) => ({
      key: r.key,
    }));
    // another process's writer, holding the file's write lock
    const other = await new Promise<sqlite3.Database>((resolve, reject) => {
      const conn = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(conn)));
    });
    const exec = (sql: string) =>
      new Promise<void>((resolve, reject) =>
        other.exec(sql, (err) => (err ? reject(err) : resolve())),
      );
    try {
      await exec('BEGIN IMMEDIATE');
      const started = Date.now();
      const res = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: SKILL_CREATE, variables: newSkill('past-deadline') }),
      });
      const body = (await res.json()) as any;
      expect(Date.now() - started).toBeLessThan(2500);
      expect(res.status).toBe(503);
      expect(body.errors[0].extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        reason: 'deadline',
      });
      await exec('COMMIT');
      // the write was still waiting for the lock: once it is free, it must give up, not commit
      await new Promise((r) => setTimeout(r, 300));
      expect(await http.db.query(`SELECT slug FROM skills WHERE slug = 'past-deadline'`)).toEqual(
        [],
      );
    } finally {
      await new Promise((r) => other.close(r));
      await http.stop();
    }
  });
});
