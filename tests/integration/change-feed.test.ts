import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { toGlobalId } from '../../src/core/relay';
import { keyFor, runAs } from '../support/auth';
import { TEST_ENGINE } from '../support/database';
import { rmSync } from 'node:fs';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { codeOf, SEEDS_DIR, TestServer } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

const CHANGES = /* GraphQL */ `
  query Changes($after: String, $first: Int) {
    changes(after: $after, first: $first) {
      graphVersion
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        nodeId
        kind
        key
        change
        version
        at
      }
    }
  }
`;

interface Remote {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** The real start-up (src/main.ts) in a second process, on the database `databaseUrl` names. */
function startSecondProcess(databaseUrl: string): Promise<Remote> {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'tests', 'helpers', 'ts-register.js'), join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        SEEDS_DIR,
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the second process did not start:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+)[^\n]*careergraph listening/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}/graphql`, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`the second process exited with ${code}:\n${output}`)),
    );
  });
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[]; extensions?: Record<string, any> };
}

/** The DATABASE_URL of the in-process server's database, for the second process. */
function databaseUrlOfServer(server: TestServer): string {
  const options = server.db.options as { type: string; database?: string; url?: string };
  return options.type === 'sqlite' ? `sqlite:${options.database}` : (options.url as string);
}

describe(`The public change feed (${TEST_ENGINE})`, () => {
  let server: TestServer;
  let remote: Remote;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR, 'Edna Editor')).auth;
    remote = await startSecondProcess(databaseUrlOfServer(server));
  }, 90_000);
  afterAll(async () => {
    if (remote && remote.child.exitCode === null) {
      remote.child.kill('SIGTERM');
      await remote.exited;
    }
    await server?.stop();
  });

  /** Asks the second process for changes after `version` until `found` holds (its watcher polls every 250 ms). */
  async function remoteChanges(version: number, found: (nodes: any[]) => boolean) {
    for (let i = 0; i < 80; i += 1) {
      const body = await post(remote.url, CHANGES, { after: String(version) });
      expect(body.errors).toBeUndefined();
      if (found(body.data.changes.nodes)) return body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the second process never showed the change');
  }

  it('should list what the seed run created, and carry the graph version in every response', async () => {
    const nodes: any[] = [];
    let after = '0';
    let body: Awaited<ReturnType<typeof post>>;
    do {
      body = await post(remote.url, CHANGES, { after, first: 100 });
      expect(body.errors).toBeUndefined();
      expect(body.extensions?.graphVersion).toEqual(expect.any(Number));
      expect(body.data.changes.graphVersion).toBe(body.extensions?.graphVersion);
      nodes.push(...body.data.changes.nodes);
      after = body.data.changes.pageInfo.endCursor;
    } while (body.data.changes.pageInfo.hasNextPage);
    // one seed run: every record it wrote, at one version
    expect(new Set(nodes.map((n) => n.version)).size).toBe(1);
    expect(nodes.filter((n) => n.kind === 'Role')).toHaveLength(16);
    const role = nodes.find((n: any) => n.kind === 'Role' && n.key === 'backend-developer');
    expect(role).toMatchObject({
      change: 'CREATED',
      nodeId: toGlobalId('Role', 'backend-developer'),
    });
    expect(role.version).toBeLessThanOrEqual(body.extensions?.graphVersion);
    // the id it gives is the one node(id:) takes
    const node = await post(
      remote.url,
      `query($id: ID!) { node(id: $id) { ... on Role { slug } } }`,
      { id: role.nodeId },
    );
    expect(node.data.node).toEqual({ slug: 'backend-developer' });
  });

  it('should show a write through curation on one process in changes(after:) on another, created, updated and deleted', async () => {
    const before = (await post(remote.url, '{ __typename }')).extensions?.graphVersion as number;
    const created = await runAs(
      server,
      editor,
      `mutation($input: SkillCreateInput!) { skillCreate(input: $input) { skill { slug } } }`,
      {
        input: {
          slug: 'feed-skill',
          name: 'Feed skill',
          category: 'TOOL',
          description: 'Made in a test',
          cite: CITE,
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const afterCreate = await remoteChanges(before, (nodes) =>
      nodes.some((n) => n.key === 'feed-skill'),
    );
    const entry = afterCreate.data.changes.nodes.find((n: any) => n.key === 'feed-skill');
    expect(entry).toEqual({
      nodeId: toGlobalId('Skill', 'feed-skill'),
      kind: 'Skill',
      key: 'feed-skill',
      change: 'CREATED',
      version: before + 1,
      at: expect.any(String),
    });
    expect(afterCreate.extensions?.graphVersion).toBeGreaterThanOrEqual(before + 1);

    const updated = await runAs(
      server,
      editor,
      `mutation($input: SkillUpdateInput!) { skillUpdate(input: $input) { skill { slug } } }`,
      {
        input: { slug: 'feed-skill', version: 1, changes: { name: 'Feed skill, renamed' } },
      },
    );
    expect(updated.errors).toBeUndefined();
    const deleted = await runAs(
      server,
      editor,
      `mutation($input: SkillDeleteInput!) { skillDelete(input: $input) { key } }`,
      { input: { slug: 'feed-skill', version: 2 } },
    );
    expect(deleted.errors).toBeUndefined();
    // an integrator holding the version of the create asks for what came after it
    const later = await remoteChanges(entry.version, (nodes) =>
      nodes.some((n) => n.change === 'DELETED'),
    );
    expect(later.data.changes.nodes.map((n: any) => [n.key, n.change, n.version])).toEqual([
      ['feed-skill', 'UPDATED', before + 2],
      ['feed-skill', 'DELETED', before + 3],
    ]);
  });

  it('should list what a later seed run changed, and only that, at the version it reached', async () => {
    const edited = copyOfSeeds();
    try {
      editSeed(
        edited,
        'roles/backend-developer.yaml',
        /yearsInLevel:\s*\{\s*min:\s*2,\s*max:\s*4\b/,
        'yearsInLevel: { min: 2, max: 7',
      );
      const before = (await server.run(CHANGES, { after: '0', first: 1 })).data.changes
        .graphVersion as number;
      const report = await loadSeedDirectory(server.db, edited);
      expect(report.applied).toBe(1);
      const after = await server.run(CHANGES, { after: String(before) });
      expect(after.errors).toBeUndefined();
      expect(
        after.data.changes.nodes.map((n: any) => [n.kind, n.key, n.change, n.version]),
      ).toEqual([['RoleLevel', 'mid-level-backend-developer', 'UPDATED', before + 1]]);
      // the same files again: nothing changes, nothing is listed, the version stays
      await loadSeedDirectory(server.db, edited);
      const again = await server.run(CHANGES, { after: String(before + 1) });
      expect(again.data.changes.nodes).toEqual([]);
      expect(again.data.changes.graphVersion).toBe(before + 1);
    } finally {
      rmSync(edited, { recursive: true, force: true });
    }
  });

  it('should name no editor, and page with cursors', async () => {
    const fields = await post(remote.url, `{ __type(name: "Change") { fields { name } } }`);
    const names = fields.data.__type.fields.map((f: any) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['nodeId', 'kind', 'key', 'change', 'version', 'at']),
    );
    expect(names.filter((n: string) => /actor|editor|request/i.test(n))).toEqual([]);

    const first = await post(remote.url, CHANGES, { after: '0', first: 2 });
    expect(first.data.changes.nodes).toHaveLength(2);
    expect(first.data.changes.pageInfo.hasNextPage).toBe(true);
    const next = await post(remote.url, CHANGES, {
      after: first.data.changes.pageInfo.endCursor,
      first: 2,
    });
    const all = await post(remote.url, CHANGES, { after: '0', first: 4 });
    expect([...first.data.changes.nodes, ...next.data.changes.nodes]).toEqual(
      all.data.changes.nodes,
    );
  });

  it('should refuse an after that is neither a version nor a cursor, and a first out of range, naming the argument', async () => {
    expect(codeOf(await server.run(CHANGES, { after: 'yesterday' }))).toBe('BAD_USER_INPUT');
    expect(
      (await server.run(CHANGES, { after: 'yesterday' })).errors?.[0].extensions?.argument,
    ).toBe('after');
    expect((await server.run(CHANGES, { first: 0 })).errors?.[0].extensions?.argument).toBe(
      'first',
    );
  });
});
