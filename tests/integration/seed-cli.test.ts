import { ChildProcess, execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey } from '../../src/core/auth/keys';
import { DatabaseSettings } from '../../src/core/config';
import { databaseUrlOf } from '../support/database';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { openPrepared } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const TS = ['-r', join(ROOT, 'tests', 'helpers', 'ts-register.js')];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('npm run seed beside a running server', () => {
  let settings: DatabaseSettings;
  let closeDatabase: () => Promise<void>;
  let dir: string;
  let server: ChildProcess;
  let url: string;
  let db: DataSource;
  let key: string;

  const env = () => ({
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrlOf(settings),
    SEEDS_DIR: dir,
  });

  /** `npm run seed` (the CLI, from the sources) against the server's database. */
  const seed = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [...TS, join(ROOT, 'src', 'seeding', 'cli.ts'), '--from', dir, ...args],
        { cwd: ROOT, env: env() },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  };
  const description = async (slug: string) =>
    (
      await graphql(
        `
          query ($s: String!) {
            skill(slug: $s) {
              description
              version
            }
          }
        `,
        { s: slug },
      )
    ).data.skill;

  beforeAll(async () => {
    dir = copyOfSeeds();
    // seeded already (a copy of the run's template): the server starts as it would on a
    // database an earlier `npm start` seeded, and the seed run below is the one under test
    ({ db, settings, close: closeDatabase } = await openPrepared('seed_live', dir));
    server = spawn(process.execPath, [...TS, join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...env(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not start:\n${output}`)),
        60_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const port = /"port":(\d+)[^\n]*careergraph listening/.exec(output)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
    });
    key = (await createApiKey(db, 'Edna Editor', ApiRole.EDITOR)).key;
  }, 90_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await closeDatabase?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should merge while the server takes writes: the edit kept, the file change served, a conflict exits 3 and --force overwrites', async () => {
    const { version } = await description('docker');
    const edit = await graphql(
      `
        mutation ($i: SkillUpdateInput!) {
          skillUpdate(input: $i) {
            skill {
              version
            }
          }
        }
      `,
      {
        i: { slug: 'docker', version, changes: { description: 'Edited through the API' } },
      },
    );
    expect(edit.errors).toBeUndefined();
    editSeed(
      dir,
      'skills.yaml',
      /(- slug: git\n(?:.*\n)*?    description: )>-\n(?:      .*\n)+/,
      '$1Changed in the file.\n',
    );
    editSeed(
      dir,
      'skills.yaml',
      /description: Container tool; hands-on experience with containers is part of backend readiness\./,
      'description: Changed in the file as well.',
    );

    // editors keep writing through the server while the seed runs
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i += 1) {
        const slug = `written-during-seed-${i}`;
        const result = await graphql(
          `
            mutation ($i: SkillCreateInput!) {
              skillCreate(input: $i) {
                skill {
                  slug
                }
              }
            }
          `,
          {
            i: {
              slug,
              name: `Skill ${i}`,
              category: 'TOOL',
              description: 'Created while a seed ran',
              cite: [{ source: 'backend-career-guide', section: 'Core technical skills' }],
            },
          },
        );
        if (result.errors) refused.push(String(result.errors[0]?.extensions?.code));
        else acknowledged.push(slug);
      }
    })();
    const run = await seed();
    writing = false;
    await writer;

    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      applied: 1,
      kept: 0,
      conflicts: 1,
      overwritten: 0,
      updated: 1,
    });
    expect(run.stderr).toMatch(
      /^seed: 1 applied, 0 kept \(changed through the API\), 1 conflicting, \d+ unchanged/m,
    );
    expect(run.stderr).toMatch(
      /^CONFLICT \S*skills\.yaml: Skill docker: changed in its file, and through the API, since the last seed$/m,
    );
    expect(run.stderr).toMatch(/last API write: audit entry \d+ \(skillUpdate by Edna Editor at /);
    expect(run.stderr).toContain(
      'description: file "Changed in the file as well." | database "Edited through the API"',
    );

    // the running server serves the file's change (it follows the graph version) and keeps the edit
    const deadline = Date.now() + 5000;
    while (
      (await description('git')).description !== 'Changed in the file.' &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 50));
    expect((await description('git')).description).toBe('Changed in the file.');
    expect((await description('docker')).description).toBe('Edited through the API');
    // every write the server acknowledged during the run is there
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await db.query(
      `SELECT slug FROM skills WHERE slug LIKE 'written-during-seed-%'`,
    );
    expect(stored.map((r: { slug: string }) => r.slug).sort()).toEqual([...acknowledged].sort());
    expect(refused.filter((code) => code === 'INTERNAL_SERVER_ERROR')).toEqual([]);

    const allowed = await seed('--allow-conflicts');
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({
      applied: 0,
      conflicts: 1,
      inserted: 0,
      updated: 0,
      deleted: 0,
    });

    const forced = await seed('--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ applied: 1, conflicts: 0, overwritten: 1 });
    expect(forced.stderr).toMatch(/^OVERWROTE \S*skills\.yaml: Skill docker$/m);
    const [run3] = await db.query(
      `SELECT actor, after FROM audit_log WHERE action = 'seedRun' ORDER BY id DESC LIMIT 1`,
    );
    expect(run3.actor).toBe('npm run seed --force');
    expect(JSON.parse(run3.after)).toMatchObject({
      force: true,
      overwritten: [{ record: 'Skill docker', fields: ['description'] }],
    });
    const until = Date.now() + 5000;
    while (
      (await description('docker')).description !== 'Changed in the file as well.' &&
      Date.now() < until
    )
      await new Promise((r) => setTimeout(r, 50));
    expect((await description('docker')).description).toBe('Changed in the file as well.');

    expect((await seed('--frobnicate')).code).toBe(2);
  }, 120_000);
});
