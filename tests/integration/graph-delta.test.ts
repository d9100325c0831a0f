import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { createContext } from '../../src/core/context';
import { catchUp, GraphDelta, perGraphVersion } from '../../src/core/graph-snapshot';
import { graphVersionWatcherOf } from '../../src/core/cache/graph-version';
import { searchIndexStats } from '../../src/modules/search/search.service';
import { onStatement } from '../../src/core/query-counter';
import { CITED_TYPES } from '../../src/modules/sources/citation.entity';
import { KINDS } from '../../src/modules/curation/kinds';
import { touchedTables } from '../../src/core/graph-tables';
import { kindsBySection, ROLE_PARTS } from '../../src/seeding/units';
import { keyFor, runAs } from '../support/auth';
import { TestServer } from '../support/server';

/** Roles with their levels and requirements, and every sector with its employers. */
const GRAPH = /* GraphQL */ `
  {
    roles(first: 100) {
      nodes {
        slug
        name
        levels {
          slug
          rank
          skills {
            importance
            skill {
              slug
              name
            }
          }
        }
        salaryBands {
          label
          min
          max
        }
      }
    }
    sectors {
      slug
      name
      description
      version
      employers(first: 100) {
        nodes {
          slug
          name
        }
      }
    }
    careerPath(from: "junior-backend-developer", to: "senior-backend-developer") {
      steps {
        from {
          slug
        }
        to {
          slug
        }
      }
    }
  }
`;

const SECTOR_UPDATE = /* GraphQL */ `
  mutation Update($slug: String!, $version: Int!, $description: String!) {
    sectorUpdate(
      input: { slug: $slug, version: $version, changes: { description: $description } }
    ) {
      sector {
        slug
        description
        version
      }
    }
  }
`;

const ROLE_TABLES = [
  'roles',
  'role_levels',
  'skill_requirements',
  'career_transitions',
  'salary_bands',
  'skills',
];

/** The tables named after FROM in the statements run while `work` runs. */
async function tablesRead<T>(
  work: () => Promise<T>,
): Promise<{ result: T; tables: Set<string>; statements: string[] }> {
  const statements: string[] = [];
  const stop = onStatement((sql) => statements.push(sql));
  try {
    const result = await work();
    const tables = new Set(
      statements.flatMap((sql) => [...sql.matchAll(/\bFROM\s+"?(\w+)"?/gi)].map((m) => m[1])),
    );
    return { result, tables, statements };
  } finally {
    stop();
  }
}

describe('Writes proportional to the change: graph tables carried across versions', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  }, 120_000);
  afterAll(() => server?.stop());

  async function editSector(on: TestServer, slug: string, description: string) {
    const { sector } = await on.data(`{ sector(slug: "${slug}") { version } }`);
    const result = await runAs(on, editor, SECTOR_UPDATE, {
      slug,
      version: sector.version,
      description,
    });
    expect(result.errors).toBeUndefined();
    return result.data.sectorUpdate.sector;
  }

  it("should read only the written kind's tables again after a write, and answer as a fresh server does", async () => {
    const before = await server.data(GRAPH);
    // warm: every table this query needs is kept; only the graph version is read
    expect([...(await tablesRead(() => server.data(GRAPH))).tables]).toEqual(['graph_state']);

    await editSector(server, 'fintech', 'Financial technology, described anew for the delta test.');
    const { tables, result } = await tablesRead(() => server.data(GRAPH));
    expect(result.sectors.find((s: { slug: string }) => s.slug === 'fintech').description).toBe(
      'Financial technology, described anew for the delta test.',
    );
    expect(tables.has('sectors')).toBe(true); // read again, after the write
    for (const table of ROLE_TABLES) expect(tables.has(table)).toBe(false);
    expect(result.roles).toEqual(before.roles);

    const fresh = await TestServer.start({ sameDatabaseAs: server });
    try {
      expect(await fresh.data(GRAPH)).toEqual(result);
    } finally {
      await fresh.stop();
    }
  });

  it('should read again only the citations of the kind written', async () => {
    const CITED = `{ role(slug: "backend-developer") { citations { section } } sector(slug: "fintech") { citations { section } } skill(slug: "python") { citations { section } } }`;
    const before = await server.data(CITED);
    await editSector(server, 'fintech', 'Fintech, described for the citations test.');
    const { result, statements } = await tablesRead(() => server.data(CITED));
    expect(statements.filter((sql) => /FROM\s+"?citations"?/i.test(sql))).toHaveLength(1); // the sectors' part, not the 14 others
    expect(result).toEqual(before);
    // every cited type is an entity's name, which is how a write names the part it touches
    for (const type of CITED_TYPES)
      expect(server.db.entityMetadatas.some((m) => m.name === type)).toBe(true);
  });

  it('should know the table of every kind the feed names (an unknown kind would rebuild everything)', () => {
    const kinds = new Set([
      ...Object.values(kindsBySection()),
      ...Object.values(ROLE_PARTS),
      ...KINDS.map((k) => k.name),
      'CareerTransition',
    ]);
    const unknown = [...kinds].filter(
      (kind) => !server.db.entityMetadatas.some((m) => m.name === kind && !m.isJunction),
    );
    expect(unknown).toEqual([]);
    const touched = touchedTables(server.db, [
      { kind: 'Sector', key: 'fintech', change: 'UPDATED' },
    ]) as Set<string>;
    const tables = [...touched].filter((t) => !t.includes(':')).sort();
    expect(tables).toEqual(['employer_sectors', 'internship_kind_sectors', 'sectors']);
    expect(touched.has('citations:Sector')).toBe(true);
    expect(touched.has('citations')).toBe(false);
    const deleted = touchedTables(server.db, [
      { kind: 'Role', key: 'backend-developer', change: 'DELETED' },
    ]) as Set<string>;
    for (const table of [
      'roles',
      'role_levels',
      'career_transitions',
      'transition_skills',
      'skill_requirements',
      'citations:CareerTransition',
    ])
      expect(deleted.has(table)).toBe(true);
    expect(
      touchedTables(server.db, [
        { kind: 'Source', key: 'backend-career-guide', change: 'UPDATED' },
      ]),
    ).toContain('citations');
  });

  it("should read a deleted record's cascade again: a level deleted with its role leaves no trace in the kept tables", async () => {
    const create = await runAs(
      server,
      editor,
      /* GraphQL */ `
        mutation {
          roleCreate(
            input: {
              slug: "delta-test-role"
              name: "Delta test role"
              summary: "A role made to be deleted."
              cite: [{ source: "backend-career-guide", section: "Core technical skills" }]
            }
          ) {
            role {
              slug
              version
            }
          }
        }
      `,
    );
    expect(create.errors).toBeUndefined();
    const level = await runAs(
      server,
      editor,
      /* GraphQL */ `
        mutation {
          roleLevelCreate(
            input: {
              slug: "delta-test-level"
              role: "delta-test-role"
              name: "Only level"
              rank: 1
              summary: "The only level."
              cite: [{ source: "backend-career-guide", section: "Core technical skills" }]
            }
          ) {
            roleLevel {
              slug
            }
          }
        }
      `,
    );
    expect(level.errors).toBeUndefined();
    // a move into the level from another role's: deleted two steps down the cascade (role, level, move)
    const move = await runAs(
      server,
      editor,
      /* GraphQL */ `
        mutation {
          careerTransitionCreate(
            input: {
              from: "junior-backend-developer"
              to: "delta-test-level"
              kind: LATERAL
              cite: [{ source: "backend-career-guide", section: "Core technical skills" }]
            }
          ) {
            careerTransition {
              kind
            }
          }
        }
      `,
    );
    expect(move.errors).toBeUndefined();
    const query = `{ role(slug: "delta-test-role") { levels { slug } } roleLevel(slug: "delta-test-level") { slug } junior: roleLevel(slug: "junior-backend-developer") { nextSteps { to { slug } } } }`;
    const answer = await server.data(query);
    expect([answer.role, answer.roleLevel]).toEqual([
      { levels: [{ slug: 'delta-test-level' }] },
      { slug: 'delta-test-level' },
    ]);
    expect(answer.junior.nextSteps.map((s: { to: { slug: string } }) => s.to.slug)).toContain(
      'delta-test-level',
    );
    const gone = await runAs(
      server,
      editor,
      `mutation { roleDelete(input: { slug: "delta-test-role", version: ${create.data.roleCreate.role.version} }) { key } }`,
    );
    expect(gone.errors).toBeUndefined();
    const after = await server.data(query);
    expect([after.role, after.roleLevel]).toEqual([null, null]);
    expect(after.junior.nextSteps.map((s: { to: { slug: string } }) => s.to.slug)).not.toContain(
      'delta-test-level',
    );
    const fresh = await TestServer.start({ sameDatabaseAs: server });
    try {
      expect(await fresh.data(query)).toEqual(after);
    } finally {
      await fresh.stop();
    }
    for (const [type, table] of [
      ['Role', 'roles'],
      ['RoleLevel', 'role_levels'],
      ['CareerTransition', 'career_transitions'],
    ]) {
      const orphans: { n: number | string }[] = await server.db.query(
        `SELECT COUNT(*) AS n FROM citations WHERE subject_type = '${type}' AND subject_id NOT IN (SELECT id FROM ${table})`,
      );
      expect(Number(orphans[0].n)).toBe(0); // the level's and the move's citations went with them
    }
  });

  it('should hand each structure the feed delta of a write, read once for all of them, and rebuild when the feed cannot tell', async () => {
    const calls: string[] = [];
    const deltas: GraphDelta[] = [];
    const structure = (name: string) =>
      perGraphVersion(
        async () => {
          calls.push(`${name}:build`);
          return name;
        },
        {
          update: async (previous, delta) => {
            calls.push(`${name}:update`);
            deltas.push(delta);
            return previous;
          },
        },
      );
    const [a, b] = [structure('a'), structure('b')];
    const ctx = () => createContext(server.db, 'delta-test');
    await Promise.all([a(ctx()), b(ctx())]);
    expect(calls.sort()).toEqual(['a:build', 'b:build']);

    const version = await ctx().loaders.graphVersion();
    await editSector(server, 'fintech', 'Described again, one version on.');
    calls.length = 0;
    const { statements } = await tablesRead(() =>
      Promise.all([a(ctx()), a(ctx()), b(ctx()), b(ctx())]),
    );
    expect(calls.sort()).toEqual(['a:update', 'b:update']); // racing requests share one update
    // the process that wrote knows what it wrote: nothing read back from the feed (a replica
    // reads it, once for all its structures: below)
    expect(statements.filter((sql) => /change_feed/.test(sql))).toHaveLength(0);
    expect(deltas[0]).toEqual({
      from: version,
      to: version + 1,
      changes: [{ kind: 'Sector', key: 'fintech', change: 'UPDATED' }],
    });

    // a version the feed has no row for (as a seed load that changed nothing listed): built anew
    await server.db.query('UPDATE graph_state SET version = version + 1 WHERE id = 1');
    calls.length = 0;
    await Promise.all([a(ctx()), b(ctx())]);
    expect(calls.sort()).toEqual(['a:build', 'b:build']);

    // more changes than an update is worth: built anew
    const [{ version: now }] = await server.db.query(
      'SELECT version FROM graph_state WHERE id = 1',
    );
    const at = new Date().toISOString();
    for (let i = 0; i < 501; i += 1) {
      await server.db.query(
        'INSERT INTO change_feed (graph_version, kind, record_key, change, at) VALUES ($1, $2, $3, $4, $5)'.replace(
          /\$\d/g,
          server.db.options.type === 'postgres' ? (m) => m : () => '?',
        ),
        [Number(now) + 1, 'Sector', `s${i}`, 'UPDATED', at],
      );
    }
    await server.db.query('UPDATE graph_state SET version = version + 1 WHERE id = 1');
    calls.length = 0;
    await a(ctx());
    expect(calls).toEqual(['a:build']);
  });
});

describe('A second server on the same database applies the delta of a write made on the first', () => {
  let primary: TestServer;
  let replica: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    primary = await TestServer.start();
    replica = await TestServer.start({ sameDatabaseAs: primary });
    editor = (await keyFor(primary, ApiRole.EDITOR)).auth;
  }, 120_000);
  afterAll(async () => {
    await replica?.stop();
    await primary?.stop();
  });

  it('should see the write, reading only the tables it touched', async () => {
    const before = await replica.data(GRAPH);
    const { sector } = await primary.data('{ sector(slug: "technology") { version } }');
    const write = await runAs(primary, editor, SECTOR_UPDATE, {
      slug: 'technology',
      version: sector.version,
      description: 'Technology, as the replica should now see it.',
    });
    expect(write.errors).toBeUndefined();

    const { result, tables } = await tablesRead(() => replica.data(GRAPH));
    expect(result.sectors.find((s: { slug: string }) => s.slug === 'technology').description).toBe(
      'Technology, as the replica should now see it.',
    );
    expect(tables.has('change_feed')).toBe(true);
    for (const table of ROLE_TABLES) expect(tables.has(table)).toBe(false);
    expect(result.roles).toEqual(before.roles);
    expect(result).toEqual(await primary.data(GRAPH));
  });

  it('should apply several writes at once when it sees them together', async () => {
    await replica.data(GRAPH);
    for (const [slug, description] of [
      ['technology', 'Technology, first of two.'],
      ['fintech', 'Fintech, second of two.'],
    ]) {
      const { sector } = await primary.data(`{ sector(slug: "${slug}") { version } }`);
      expect(
        (
          await runAs(primary, editor, SECTOR_UPDATE, {
            slug,
            version: sector.version,
            description,
          })
        ).errors,
      ).toBeUndefined();
    }
    const { result, tables, statements } = await tablesRead(() => replica.data(GRAPH));
    const described = Object.fromEntries(
      result.sectors.map((s: { slug: string; description: string }) => [s.slug, s.description]),
    );
    expect([described.technology, described.fintech]).toEqual([
      'Technology, first of two.',
      'Fintech, second of two.',
    ]);
    expect(statements.filter((sql) => /change_feed/.test(sql))).toHaveLength(1); // both versions in one read
    for (const table of ROLE_TABLES) expect(tables.has(table)).toBe(false);
  });
});

describe('Catching up with a write before the next request asks', () => {
  let primary: TestServer;
  let replica: TestServer;
  let editor: AuthInfo;
  const SEARCH = `{ search(query: "fintech payments", first: 5) { score node { id } } }`;

  beforeAll(async () => {
    // both follow the graph version as deployed servers do; the replica's poll is left to the test
    primary = await TestServer.start({ responseCache: { pollMs: 60_000 } });
    replica = await TestServer.start({
      sameDatabaseAs: primary,
      responseCache: { pollMs: 60_000 },
    });
    editor = (await keyFor(primary, ApiRole.EDITOR)).auth;
  }, 120_000);
  afterAll(async () => {
    await replica?.stop();
    await primary?.stop();
  });

  /** Writes fintech's description; returns the sector's version after the write. */
  async function describeSector(description: string, version?: number): Promise<number> {
    version ??= (await primary.data('{ sector(slug: "fintech") { version } }')).sector.version;
    const write = await runAs(primary, editor, SECTOR_UPDATE, {
      slug: 'fintech',
      version,
      description,
    });
    expect(write.errors).toBeUndefined();
    return write.data.sectorUpdate.sector.version;
  }

  it('should have the writing server update its search index before its next search, without reading the feed back', async () => {
    await primary.data(SEARCH);
    const updates = searchIndexStats.updates;
    const { statements } = await tablesRead(async () => {
      await describeSector('Fintech, as the writer caught up with it.');
      await catchUp(primary.db, graphVersionWatcherOf(primary.db)!.current); // what the write started
    });
    expect(searchIndexStats.updates).toBe(updates + 1); // updated in the background
    expect(statements.filter((sql) => /FROM\s+"?change_feed/i.test(sql))).toEqual([]); // its own delta
    // the search itself neither reads the feed nor updates the index again (the sectors its hits
    // name are read when first asked, as every table is)
    const search = await tablesRead(() => primary.run(SEARCH));
    expect(search.tables.has('change_feed')).toBe(false);
    expect(searchIndexStats.updates).toBe(updates + 1);
    const graph = await primary.run(GRAPH);
    expect(graph.data.sectors.find((s: { slug: string }) => s.slug === 'fintech').description).toBe(
      'Fintech, as the writer caught up with it.',
    );
  });

  it('should have a replica catch up when its watcher sees the version move, and answer as the writer does', async () => {
    await replica.data(SEARCH);
    await describeSector('Fintech, as the replica caught up with it.');
    await catchUp(primary.db, graphVersionWatcherOf(primary.db)!.current); // the writer's own (its counter is shared)
    const updates = searchIndexStats.updates;
    const watcher = graphVersionWatcherOf(replica.db)!;
    const { statements } = await tablesRead(async () => {
      const version = await watcher.refresh(); // the poll, now
      await catchUp(replica.db, version);
    });
    expect(statements.some((sql) => /FROM\s+"?change_feed/i.test(sql))).toBe(true); // a replica reads the delta
    expect(searchIndexStats.updates).toBe(updates + 1);
    const search = await tablesRead(() => replica.run(SEARCH));
    expect(search.tables.has('change_feed')).toBe(false);
    expect(searchIndexStats.updates).toBe(updates + 1);
    expect(await replica.data(GRAPH)).toEqual(await primary.data(GRAPH));
  });

  it('should leave alone what no request asked for since the last write', async () => {
    await primary.data(SEARCH);
    const version = await describeSector('Fintech, written once.');
    await catchUp(primary.db, graphVersionWatcherOf(primary.db)!.current);
    const updates = searchIndexStats.updates;
    // no search between the two writes: the second moves the index on only when one asks
    await describeSector('Fintech, written twice.', version);
    await catchUp(primary.db, graphVersionWatcherOf(primary.db)!.current);
    expect(searchIndexStats.updates).toBe(updates);
    expect((await primary.run(SEARCH)).statements).toBeGreaterThan(0); // updated when asked, as before
    expect(searchIndexStats.updates).toBe(updates + 1);
  });
});
