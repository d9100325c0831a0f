import { ApiRole } from '../../src/core/auth/api-key.entity';
import { onStatement } from '../../src/core/query-counter';
import { bumpGraphVersion, GraphVersionWatcher } from '../../src/core/cache';
import { Skill } from '../../src/modules/skills/skill.entity';
import { keyFor, runAs } from '../support/auth';
import { syntheticSeeds } from '../support/fixtures';
import { TestServer } from '../support/server';

const NESTED = /* GraphQL */ `
  query Nested($first: Int!) {
    roles(first: $first) {
      totalCount
      nodes {
        name
        citations {
          section
          source {
            title
          }
        }
        levels {
          slug
          skills {
            importance
            skill {
              slug
              name
              version
              broader {
                slug
              }
              certifications(first: 5) {
                slug
                issuer {
                  name
                }
              }
            }
          }
          salaryBands {
            min
            max
          }
          nextSteps {
            to {
              slug
            }
            skillsToGain {
              slug
            }
            citations {
              section
            }
          }
        }
        salaryBands {
          label
          min
          max
          citations {
            source {
              slug
            }
          }
        }
        employers(first: 5) {
          totalCount
          nodes {
            name
            sectors {
              name
            }
          }
        }
        relatedRoles(first: 20) {
          slug
        }
      }
    }
  }
`;

const RENAME = /* GraphQL */ `
  mutation Rename($input: SkillUpdateInput!) {
    skillUpdate(input: $input) {
      skill {
        slug
        name
      }
    }
  }
`;

/** Runs `work`, then waits until no statement has run for 150 ms (10 s at most). */
async function quietAfter(work: () => Promise<unknown>): Promise<void> {
  let last = Date.now();
  const stop = onStatement(() => {
    last = Date.now();
  });
  try {
    await work();
    const deadline = Date.now() + 10_000;
    while (Date.now() - last < 150 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
  } finally {
    stop();
  }
}

describe('SQL statements per request', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ seedsDir: syntheticSeeds(60) });
  });
  afterAll(() => server.stop());

  it('should read each table at most once per graph version, and then only the version', async () => {
    const cold = await server.run(NESTED, { first: 50 });
    expect(cold.errors).toBeUndefined();
    // one statement per table the query's shape touches (and the version), never one per row
    expect(cold.statements).toBeLessThanOrEqual(21);

    const few = await server.run(NESTED, { first: 5 });
    const many = await server.run(NESTED, { first: 50 });
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(few.data.roles.nodes).toHaveLength(5);
    expect(many.data.roles.nodes).toHaveLength(50);
    expect(many.data.roles.nodes[49].levels[0].skills.length).toBeGreaterThan(0);
    expect(many.data).toEqual(cold.data);
    expect(few.statements).toBe(1);
    expect(many.statements).toBe(1);
  });

  it('should answer the read after a write from the written graph', async () => {
    const before = await server.run(NESTED, { first: 50 });
    const { skill } = before.data.roles.nodes[0].levels[0].skills[0];
    const editor = (await keyFor(server, ApiRole.EDITOR)).auth;
    const renamed = await runAs(server, editor, RENAME, {
      input: {
        slug: skill.slug,
        version: skill.version,
        changes: { name: `${skill.name} (renamed)` },
      },
    });
    expect(renamed.errors).toBeUndefined();

    const after = await server.run(NESTED, { first: 50 });
    expect(after.errors).toBeUndefined();
    expect(after.data.roles.nodes[0].levels[0].skills[0].skill.name).toBe(
      `${skill.name} (renamed)`,
    );
    expect(after.statements).toBeGreaterThan(1);
    expect((await server.run(NESTED, { first: 50 })).statements).toBe(1);
  });

  describe('with the graph version followed by a watcher, as the server runs', () => {
    let watcher: GraphVersionWatcher;

    beforeAll(async () => {
      watcher = new GraphVersionWatcher(server.db, 60_000); // polls too rarely to matter here
      await watcher.start();
    });
    afterAll(() => watcher.stop());

    it('should answer a nested query without any SQL once the tables are read', async () => {
      await server.run(NESTED, { first: 50 });
      const warm = await server.run(NESTED, { first: 50 });
      expect(warm.errors).toBeUndefined();
      expect(warm.statements).toBe(0);
    });

    it('should read the rows a write reached before the next request asks for them', async () => {
      const before = await server.run(NESTED, { first: 50 });
      const { skill } = before.data.roles.nodes[0].levels[0].skills[0];
      const editor = (await keyFor(server, ApiRole.EDITOR)).auth;
      await quietAfter(async () => {
        // the write, then the rows it reached read by no request
        const renamed = await runAs(server, editor, RENAME, {
          input: { slug: skill.slug, version: skill.version, changes: { name: 'Renamed early' } },
        });
        expect(renamed.errors).toBeUndefined();
      });

      const after = await server.run(NESTED, { first: 50 });
      expect(after.errors).toBeUndefined();
      expect(after.data.roles.nodes[0].levels[0].skills[0].skill.name).toBe('Renamed early');
      expect(after.statements).toBe(0);
    });

    it("should see this process's writes at once and another process's at the next poll", async () => {
      const { skill } = (await server.run(NESTED, { first: 1 })).data.roles.nodes[0].levels[0]
        .skills[0];
      const editor = (await keyFor(server, ApiRole.EDITOR)).auth;
      await runAs(server, editor, RENAME, {
        input: { slug: skill.slug, version: skill.version, changes: { name: 'Renamed here' } },
      });
      const nameNow = async () =>
        (await server.run(NESTED, { first: 1 })).data.roles.nodes[0].levels[0].skills[0].skill.name;
      expect(await nameNow()).toBe('Renamed here');

      // another process (npm run seed, another replica) writes straight to the database
      await server.db.transaction(async (em) => {
        await em.getRepository(Skill).update({ slug: skill.slug }, { name: 'Renamed elsewhere' });
        await bumpGraphVersion(em);
      });
      expect(await nameNow()).toBe('Renamed here');
      await watcher.refresh(); // what the next poll does
      expect(await nameNow()).toBe('Renamed elsewhere');
    });
  });
});
