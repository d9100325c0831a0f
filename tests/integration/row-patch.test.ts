import { rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { readGraphVersion } from '../../src/core/cache/graph-version';
import { graphTables, GraphTables } from '../../src/core/graph-tables';
import { indexOf } from '../../src/core/loaders';
import { requirementsOfLevel } from '../../src/modules/skills/skill.loader';
import { sectorsOfEmployer } from '../../src/modules/employers/employer.loader';
import { Employer } from '../../src/modules/employers/employer.entity';
import { onStatement } from '../../src/core/query-counter';
import { Citation, CITED_TYPES } from '../../src/modules/sources/citation.entity';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { keyFor, runAs } from '../support/auth';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { TestServer } from '../support/server';

/**
 * A write brings the kept tables forward by reading its own rows (src/core/row-patch.ts): after
 * every kind of write the API takes, every table, join table and citation part of the new version
 * must hold exactly what reading it whole gives, or a server would answer from a graph that never
 * was.
 */
describe('Kept tables patched by the rows a write changed', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  }, 120_000);
  afterAll(() => server?.stop());

  /** Every table with an id, every join table (owner -> targets, as sets), every citation part. */
  async function everything(t: GraphTables): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const m of server.db.entityMetadatas) {
      if (m.isJunction) {
        const [owner, target] = m.foreignKeys.map((fk) => fk.columns[0].databaseName);
        const links = await t.links(m.tableName, owner, target);
        out[`links:${m.tableName}`] = [...links]
          .map(([o, ts]) => [o, [...ts].sort((a, b) => a - b)])
          .sort((a, b) => (a[0] as number) - (b[0] as number));
      } else if (m.primaryColumns.length === 1 && m.primaryColumns[0].propertyName === 'id') {
        if (['audit_log', 'change_feed', 'api_keys', 'citations'].includes(m.tableName)) continue;
        out[`rows:${m.name}`] = JSON.parse(JSON.stringify(await t.rows(m.target)));
      }
    }
    for (const type of CITED_TYPES)
      out[`citations:${type}`] = JSON.parse(
        JSON.stringify(await t.partition(Citation, 'subjectType', type)),
      );
    return out;
  }

  /** What users read of the tables a write touches: levels' requirements, skills' broader skills and certifications, sectors' employers, a gap and a path. */
  const ANSWERS = /* GraphQL */ `
    {
      roles(first: 100) {
        nodes {
          slug
          levels {
            slug
            name
            skills {
              importance
              skill {
                slug
                name
                broader {
                  slug
                }
                certifications(first: 10) {
                  slug
                }
              }
            }
          }
        }
      }
      sectors {
        slug
        description
        employers(first: 100) {
          nodes {
            slug
          }
        }
      }
      skill(slug: "python") {
        description
        citations {
          section
        }
      }
      skillGap(target: "senior-backend-developer", have: ["python", "docker", "patched-skill"]) {
        coverage
        unrecognized
        missing {
          skill {
            slug
          }
        }
      }
      careerPath(from: "junior-backend-developer", to: "senior-backend-developer") {
        skillsToGain {
          slug
        }
      }
    }
  `;

  const tablesAt = (version: number) =>
    graphTables({ loaders: { db: server.db, graphVersion: async () => version } });

  /**
   * Loads every table at the current version, runs `write`, then compares the next version's
   * tables (patched where the delta allows) with a fresh read; returns the statements the next
   * version's reads ran.
   */
  async function afterWrite(write: () => Promise<void>): Promise<string[]> {
    await everything(await tablesAt(await readGraphVersion(server.db)));
    await server.data(ANSWERS);
    await write();
    const version = await readGraphVersion(server.db);
    const statements: string[] = [];
    const stop = onStatement((sql) => statements.push(sql));
    let patched: Record<string, unknown>;
    let answers: unknown;
    try {
      answers = await server.data(ANSWERS);
      patched = await everything(await tablesAt(version));
    } finally {
      stop();
    }
    expect(patched).toEqual(await everything(new GraphTables(server.db)));
    const fresh = await TestServer.start({ sameDatabaseAs: server });
    try {
      expect(answers).toEqual(await fresh.data(ANSWERS)); // what was kept or patched answers as a fresh read
    } finally {
      await fresh.stop();
    }
    return statements;
  }

  async function mutate(query: string, variables: Record<string, unknown> = {}) {
    const result = await runAs(server, editor, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  const versionOf = async (field: string, slug: string): Promise<number> =>
    (await server.data(`{ ${field}(slug: "${slug}") { version } }`))[field].version;

  /** Statements that read `table` whole (no WHERE). */
  const wholeReads = (statements: string[], table: string) =>
    statements.filter(
      (sql) => new RegExp(`FROM\\s+"?${table}"?(\\s|$)`, 'i').test(sql) && !/\bWHERE\b/i.test(sql),
    );

  const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

  it("should read a sector's own row and its employer links, not the tables, after its description changes", async () => {
    const statements = await afterWrite(async () => {
      await mutate(
        `mutation($v: Int!) { sectorUpdate(input: { slug: "fintech", version: $v, changes: { description: "Payments and banking software, patched." } }) { sector { slug } } }`,
        { v: await versionOf('sector', 'fintech') },
      );
    });
    expect(wholeReads(statements, 'sectors')).toEqual([]);
    expect(wholeReads(statements, 'employer_sectors')).toEqual([]);
    expect(statements.some((sql) => /FROM\s+"?sectors"?.*\bWHERE\b/is.test(sql))).toBe(true);
  });

  it("should order an employer's sectors by a sector's new name, grouping again only the employers linked to it", async () => {
    const sectorsOf = async (slug: string) =>
      (
        await server.data(`{ employer(slug: "${slug}") { sectors { slug } } }`)
      ).employer.sectors.map((s: { slug: string }) => s.slug);
    const groups = async () =>
      indexOf(await tablesAt(await readGraphVersion(server.db)), sectorsOfEmployer);
    const idOf = async (slug: string): Promise<number> =>
      (await server.db.getRepository(Employer).findOneByOrFail({ slug })).id;
    const rename = (name: string) => () =>
      versionOf('sector', 'fintech').then((v) =>
        mutate(
          `mutation($v: Int!, $name: String!) { sectorUpdate(input: { slug: "fintech", version: $v, changes: { name: $name } }) { sector { slug } } }`,
          { v, name },
        ),
      );
    const [stripe, unlinked] = [
      await idOf('stripe'),
      await idOf(await anEmployerWithout('fintech')),
    ];
    expect(await sectorsOf('stripe')).toEqual(['financial-services', 'fintech']);
    await server.data(ANSWERS);
    const before = await groups();
    const statements = await afterWrite(rename('Banking technology'));
    expect(await sectorsOf('stripe')).toEqual(['fintech', 'financial-services']);
    expect(wholeReads(statements, 'employer_sectors')).toEqual([]);
    const after = await groups();
    expect(after.get(stripe)).not.toBe(before.get(stripe));
    expect(after.get(unlinked)).toBe(before.get(unlinked)); // not linked to the sector: left as it was
    await afterWrite(rename('Fintech'));
    expect(await sectorsOf('stripe')).toEqual(['financial-services', 'fintech']);
  });

  it('should patch a join table when a link is made and when it is undone', async () => {
    const link = (verb: string) =>
      afterWrite(async () => {
        await mutate(
          `mutation { ${verb}(input: { relation: EMPLOYER_SECTOR, from: "stripe", to: "technology" }) { changed } }`,
        );
      });
    expect(wholeReads(await link('relationLink'), 'employer_sectors')).toEqual([]);
    expect(wholeReads(await link('relationUnlink'), 'employer_sectors')).toEqual([]);
  });

  it("should patch a level's requirements and a skill's citations, broader skill and requirements", async () => {
    const requirement = await afterWrite(async () => {
      await mutate(
        `mutation { skillRequirementSet(input: { role: "backend-developer", level: "junior-backend-developer", skill: "kubernetes", importance: OPTIONAL }) { skillRequirement { importance } } }`,
      );
    });
    expect(wholeReads(requirement, 'skill_requirements')).toEqual([]);
    const skill = await afterWrite(async () => {
      await mutate(
        `mutation($v: Int!, $cite: [CitationInput!]) { skillUpdate(input: { slug: "python", version: $v, changes: { broader: "docker", cite: $cite } }) { skill { slug } } }`,
        { v: await versionOf('skill', 'python'), cite: CITE },
      );
    });
    for (const table of ['skills', 'skill_requirements', 'insight_skills'])
      expect(wholeReads(skill, table)).toEqual([]);
  });

  it("should keep what was computed from a table the write left as it was: a skill's description leaves its requirements", async () => {
    const requirements = async () =>
      indexOf(await tablesAt(await readGraphVersion(server.db)), requirementsOfLevel);
    await server.data(ANSWERS);
    const before = await requirements();
    await afterWrite(async () => {
      await mutate(
        `mutation($v: Int!) { skillUpdate(input: { slug: "docker", version: $v, changes: { description: "Containers, described anew." } }) { skill { slug } } }`,
        { v: await versionOf('skill', 'docker') },
      );
    });
    expect(await requirements()).toBe(before);
    await afterWrite(async () => {
      await mutate(
        `mutation { skillRequirementSet(input: { role: "backend-developer", level: "senior-backend-developer", skill: "docker", importance: OPTIONAL }) { skillRequirement { importance } } }`,
      );
    });
    expect(await requirements()).not.toBe(before); // a requirement changed: computed again
  });

  it('should know a skill by a name a write gave it, and by no name a write took away', async () => {
    const unrecognized = async () =>
      (
        await server.data(
          `{ skillGap(target: "senior-backend-developer", have: ["dockerish"]) { unrecognized } }`,
        )
      ).skillGap.unrecognized;
    const update = (changes: string) => () =>
      versionOf('skill', 'docker').then((v) =>
        mutate(
          `mutation($v: Int!) { skillUpdate(input: { slug: "docker", version: $v, changes: { ${changes} } }) { skill { slug } } }`,
          { v },
        ),
      );
    expect(await unrecognized()).toEqual(['dockerish']);
    await afterWrite(update('aliases: ["Dockerish"]'));
    expect(await unrecognized()).toEqual([]);
    await afterWrite(update('description: "Containers, once more."')); // names as they were: kept
    expect(await unrecognized()).toEqual([]);
    await afterWrite(update('aliases: []'));
    expect(await unrecognized()).toEqual(['dockerish']);
  });

  it('should patch in records created, with their links and citations', async () => {
    await afterWrite(async () => {
      await mutate(
        `mutation($cite: [CitationInput!]!) { skillCreate(input: { slug: "patched-skill", name: "Patched skill", category: TESTING, description: "A skill made by the row patch test.", broader: "python", cite: $cite }) { skill { slug } } }`,
        { cite: CITE },
      );
    });
    await afterWrite(async () => {
      await mutate(
        `mutation { relationLink(input: { relation: CERTIFICATION_SKILL, from: "${await aCertification()}", to: "patched-skill" }) { changed } }`,
      );
    });
  });

  it('should read whole what a deletion or a kind without slugs touches, and still agree', async () => {
    await mutate(
      `mutation($cite: [CitationInput!]!) { sectorCreate(input: { slug: "patched-sector", name: "Patched sector", description: "Made to be deleted.", cite: $cite }) { sector { slug } } }`,
      { cite: CITE },
    );
    const deleted = await afterWrite(async () => {
      await mutate(
        `mutation($v: Int!) { sectorDelete(input: { slug: "patched-sector", version: $v }) { deletedId } }`,
        { v: await versionOf('sector', 'patched-sector') },
      );
    });
    expect(wholeReads(deleted, 'sectors')).toHaveLength(1);
  });

  it('should bring forward a table no request asked for across several writes', async () => {
    await everything(await tablesAt(await readGraphVersion(server.db)));
    for (const description of ['First of three.', 'Second of three.', 'Third of three.']) {
      await mutate(
        `mutation($v: Int!, $d: String!) { sectorUpdate(input: { slug: "fintech", version: $v, changes: { description: $d } }) { sector { slug } } }`,
        { v: await versionOf('sector', 'fintech'), d: description },
      );
      // another table asked for at each version: the sectors wait, patched, until one asks
      await (await tablesAt(await readGraphVersion(server.db))).rows(Citation);
    }
    const version = await readGraphVersion(server.db);
    expect(await everything(await tablesAt(version))).toEqual(
      await everything(new GraphTables(server.db)),
    );
  });

  it("should let an old version's tables go once newer ones stand in for them", async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const first = new WeakRef(await tablesAt(await readGraphVersion(server.db)));
    await everything(first.deref()!);
    for (let i = 0; i < 12; i++) {
      // a table asked for at every version, one asked for only now and then
      await mutate(
        `mutation($v: Int!, $d: String!) { sectorUpdate(input: { slug: "fintech", version: $v, changes: { description: $d } }) { sector { slug } } }`,
        { v: await versionOf('sector', 'fintech'), d: `Described ${i} times over.` },
      );
      const t = await tablesAt(await readGraphVersion(server.db));
      await t.rows(Citation);
      if (i % 4 === 3) await everything(t);
    }
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    gc();
    expect(first.deref()).toBeUndefined();
  });

  it('should patch what a seed run merges: a role file and an employer edited', async () => {
    const dir = copyOfSeeds();
    const shared = server;
    server = await TestServer.start({ seedsDir: dir }); // the helpers above read this server
    try {
      const statements = await afterWrite(async () => {
        editSeed(
          dir,
          'roles/backend-developer.yaml',
          '          - { skill: git, importance: REQUIRED }\n',
          '          - { skill: git, importance: OPTIONAL }\n          - { skill: docker, importance: OPTIONAL }\n',
        );
        editSeed(dir, 'roles/backend-developer.yaml', '      - cto\n', '');
        editSeed(
          dir,
          'employers.yaml',
          'sectors: [fintech, financial-services]',
          'sectors: [fintech, technology]',
        );
        const report = await loadSeedDirectory(server.db, dir);
        expect(report.applied).toBeGreaterThanOrEqual(3);
      });
      expect(wholeReads(statements, 'skill_requirements')).toEqual([]);
      expect(wholeReads(statements, 'role_relations')).toEqual([]);
    } finally {
      await server.stop();
      server = shared;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function aCertification(): Promise<string> {
    return (await server.data('{ certifications(first: 1) { nodes { slug } } }')).certifications
      .nodes[0].slug;
  }

  /** An employer linked to some sectors, none of them `sector`. */
  async function anEmployerWithout(sector: string): Promise<string> {
    const { nodes } = (
      await server.data('{ employers(first: 100) { nodes { slug sectors { slug } } } }')
    ).employers;
    const found = (nodes as { slug: string; sectors: { slug: string }[] }[]).find(
      (e) => e.sectors.length && !e.sectors.some((s) => s.slug === sector),
    );
    if (!found) throw new Error(`no employer linked to sectors other than ${sector}`);
    return found.slug;
  }
});
