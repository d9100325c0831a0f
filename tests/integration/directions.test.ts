import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { rmSync } from 'node:fs';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { keyFor, runAs } from '../support/auth';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { codeOf, TestServer } from '../support/server';

/** Career directions (issue 14, item 5): destinations named without a starting level. */

const PATHS = /* GraphQL */ `
  query ($from: String!, $to: String!, $first: Int, $includeDirections: Boolean, $basis: Basis) {
    careerPaths(
      from: $from
      to: $to
      first: $first
      includeDirections: $includeDirections
      basis: $basis
    ) {
      basis
      yearsBasis
      directionSteps
      stepsWithoutYears
      typicalYears {
        min
        max
      }
      steps {
        kind
        to {
          slug
        }
      }
      route {
        position
        kind
        basis
        note
        typicalYears {
          min
          max
          text
        }
        from {
          slug
        }
        to {
          slug
        }
        transition {
          kind
        }
        direction {
          slug
          basis
          from {
            slug
          }
        }
        citations {
          section
          span {
            start
          }
        }
      }
      stops {
        position
        level {
          slug
        }
        yearsSoFar {
          min
          max
        }
      }
      timeToReach {
        years {
          min
          max
          text
        }
      }
    }
  }
`;
const kinds = (p: any) => p.route.map((s: any) => s.kind);
const ends = (p: any) => p.route.map((s: any) => s.to.slug).join('>');

describe('Career directions', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  it('should serve the seeded directions on the role they start from, each stated by a span and never a transition', async () => {
    const { role } = await server.data(`{ role(slug: "backend-developer") {
      directions { id slug basis rationale startingPoint from { slug } to { slug } advancementPath { slug } citations { section span { start end sha256 } } }
    } }`);
    const bySlug = new Map(role.directions.map((d: any) => [d.to.slug, d]));
    expect([...bySlug.keys()].sort()).toEqual([
      'engineering-manager',
      'principal-engineer',
      'technical-lead',
    ]);
    for (const d of role.directions) {
      expect(d).toMatchObject({ basis: 'STATED', from: { slug: 'backend-developer' } });
      expect(d.startingPoint).toMatch(/without saying from which level/);
      expect(d.citations.length).toBeGreaterThan(0);
      for (const c of d.citations) expect(c.span.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(
        (await server.data(`query($id: ID!) { node(id: $id) { __typename } }`, { id: d.id })).node
          .__typename,
      ).toBe('CareerDirection');
    }
    expect((bySlug.get('engineering-manager') as any).advancementPath.slug).toBe(
      'people-management',
    );
    // the moves they replace are gone: no transition into these roles from a starting level the sources never named
    const { a, b, c } = await server.data(`{
      a: careerPath(from: "senior-backend-developer", to: "principal-engineer") { rank }
      b: careerPath(from: "lead-backend-developer", to: "technical-lead") { steps { from { slug } } }
      c: careerPath(from: "senior-backend-developer", to: "engineering-manager") { steps { from { slug } to { slug } } }
    }`);
    expect(a).toBeNull();
    expect(b).toBeNull();
    expect(c.steps.map((s: any) => s.from.slug)).toEqual([
      'senior-backend-developer',
      'lead-backend-developer',
    ]);
  });

  it('should still find no move from tech lead to solution architect, with or without directions', async () => {
    for (const includeDirections of [false, true]) {
      for (const from of ['technical-lead', 'principal-engineer', 'lead-backend-developer']) {
        const { careerPath } = await server.data(
          `query($from: String!, $d: Boolean!) { careerPath(from: $from, to: "solution-architect", includeDirections: $d) { rank } }`,
          { from, d: includeDirections },
        );
        expect(careerPath).toBeNull();
      }
    }
  });

  it('should reach engineering manager from junior back-end by transitions only unless directions are asked for', async () => {
    const without = (
      await server.data(PATHS, {
        from: 'junior-backend-developer',
        to: 'engineering-manager',
        first: 10,
      })
    ).careerPaths;
    expect(without.length).toBe(1);
    expect(ends(without[0])).toBe(
      'mid-level-backend-developer>senior-backend-developer>lead-backend-developer>engineering-manager',
    );
    for (const p of without) {
      expect(kinds(p).every((k: string) => k === 'TRANSITION')).toBe(true);
      expect(p.directionSteps).toBe(0);
      expect(p.route.map((s: any) => s.to.slug)).toEqual(p.steps.map((s: any) => s.to.slug));
    }

    const withDirections = (
      await server.data(PATHS, {
        from: 'junior-backend-developer',
        to: 'engineering-manager',
        first: 10,
        includeDirections: true,
      })
    ).careerPaths;
    // the route of stated moves still comes first: a direction's time is unknown
    expect(withDirections[0].route).toEqual(without[0].route);
    const viaDirection = withDirections.filter((p: any) => p.directionSteps > 0);
    expect(viaDirection.length).toBeGreaterThan(0);
    // fewest directions, then fewest years: straight from junior, since the sources allow any level
    expect(ends(withDirections[1])).toBe('engineering-manager');
    for (const p of viaDirection) {
      const step = p.route.find((s: any) => s.kind === 'DIRECTION');
      expect(step).toMatchObject({
        basis: 'STATED',
        typicalYears: null,
        transition: null,
        to: { slug: 'engineering-manager' },
        direction: {
          slug: 'backend-developer-to-engineering-manager',
          basis: 'STATED',
          from: { slug: 'backend-developer' },
        },
      });
      expect(step.note).toMatch(/without saying from which level/);
      expect(step.citations[0].section).toBe('Advancement paths to compare');
      // no invented years: the total has no ceiling and counts the direction as a step without years
      expect(p.typicalYears === null || p.typicalYears.max === null).toBe(true);
      expect(p.stepsWithoutYears).toBeGreaterThanOrEqual(1);
      expect(p.timeToReach === null || p.timeToReach.years.max === null).toBe(true);
      expect(p.steps.map((s: any) => s.kind)).not.toContain('DIRECTION');
      // stops are the levels transitions reach; the direction's own is left out
      expect(p.stops.map((s: any) => s.level.slug)).not.toContain('engineering-manager');
    }
  });

  it('should reach principal engineer only through a direction', async () => {
    expect(
      (await server.data(PATHS, { from: 'junior-backend-developer', to: 'principal-engineer' }))
        .careerPaths,
    ).toEqual([]);
    const [best] = (
      await server.data(PATHS, {
        from: 'senior-backend-developer',
        to: 'principal-engineer',
        includeDirections: true,
      })
    ).careerPaths;
    expect(kinds(best)).toEqual(['DIRECTION']);
    expect(best.route[0].from.slug).toBe('senior-backend-developer');
    expect(best.basis).toBe('STATED');
    expect(best.yearsBasis).toBe('DERIVED');
  });

  it('should let a curator create, update and delete a direction, and use an editorial one only when the basis allows it', async () => {
    const CREATE = `mutation($input: CareerDirectionCreateInput!) { careerDirectionCreate(input: $input) { careerDirection { slug version basis rationale from { slug } to { slug } citations { span { start } } } } }`;
    const UPDATE = `mutation($input: CareerDirectionUpdateInput!) { careerDirectionUpdate(input: $input) { careerDirection { version basis rationale } } }`;
    const DELETE = `mutation($input: CareerDirectionDeleteInput!) { careerDirectionDelete(input: $input) { key } }`;
    const created = await runAs(server, editor, CREATE, {
      input: {
        slug: 'devops-to-cto',
        from: 'devops-engineer',
        to: 'cto',
        basis: 'EDITORIAL',
        rationale: 'a test judgement, not a statement of the sources',
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.careerDirectionCreate.careerDirection).toMatchObject({
      slug: 'devops-to-cto',
      version: 1,
      basis: 'EDITORIAL',
      from: { slug: 'devops-engineer' },
      to: { slug: 'cto' },
      citations: [],
    });

    const path = `query($b: Basis) { careerPath(from: "devops-engineer", to: "cto", includeDirections: true, basis: $b) { basis route { kind basis direction { slug } } } }`;
    const all = (await server.data(path, {})).careerPath;
    expect(all).toMatchObject({
      basis: 'EDITORIAL',
      route: [{ kind: 'DIRECTION', basis: 'EDITORIAL', direction: { slug: 'devops-to-cto' } }],
    });
    // basis STATED: no editorial step, so no route at all here
    expect((await server.data(path, { b: 'STATED' })).careerPath).toBeNull();
    expect(
      (await server.data(`{ careerPath(from: "devops-engineer", to: "cto") { rank } }`)).careerPath,
    ).toBeNull();

    // STATED needs a cited span
    const span = {
      start: 16719,
      end: 16869,
      sha256: 'cebac45917b35efd04bd73dc1beef27abdfc3963d19e0ce0091cdb07f39ab3bb',
    };
    const cite = [
      { source: 'backend-career-guide', section: 'Advancement paths to compare', span },
    ];
    const noCite = await runAs(server, editor, UPDATE, {
      input: { slug: 'devops-to-cto', version: 1, changes: { basis: 'STATED' } },
    });
    expect(codeOf(noCite)).toBe('BAD_USER_INPUT');
    expect(noCite.errors?.[0].extensions?.argument).toBe('input.changes.cite');
    const noSpan = await runAs(server, editor, UPDATE, {
      input: {
        slug: 'devops-to-cto',
        version: 1,
        changes: {
          basis: 'STATED',
          cite: [{ source: 'backend-career-guide', section: 'Advancement paths to compare' }],
        },
      },
    });
    expect(codeOf(noSpan)).toBe('BAD_USER_INPUT');
    expect(noSpan.errors?.[0].extensions?.argument).toBe('input.changes.cite[0].span');
    const stated = await runAs(server, editor, UPDATE, {
      input: { slug: 'devops-to-cto', version: 1, changes: { basis: 'STATED', cite } },
    });
    expect(stated.errors).toBeUndefined();
    expect(stated.data.careerDirectionUpdate.careerDirection).toMatchObject({
      version: 2,
      basis: 'STATED',
    });
    expect((await server.data(path, { b: 'STATED' })).careerPath.basis).toBe('STATED');

    // impossible ones, each naming the field; nothing is written
    const bad = async (input: Record<string, unknown>, field: string) => {
      const res = await runAs(server, editor, CREATE, {
        input: { slug: 'bad-direction', from: 'backend-developer', to: 'cto', ...input },
      });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.argument).toBe(field);
    };
    await bad({ basis: 'STATED' }, 'input.cite');
    await bad(
      {
        basis: 'STATED',
        cite: [{ source: 'backend-career-guide', section: 'Advancement paths to compare' }],
      },
      'input.cite[0].span',
    );
    await bad({ basis: 'EDITORIAL' }, 'input.rationale');
    await bad({ basis: 'DERIVED', rationale: 'x' }, 'input.basis');
    await bad({ basis: 'EDITORIAL', rationale: 'x', to: 'backend-developer' }, 'input.to');
    await bad({ basis: 'EDITORIAL', rationale: 'x', to: 'no-such-role' }, 'input.to');
    expect(
      (await server.data(`{ careerDirections { slug } }`)).careerDirections.map((d: any) => d.slug),
    ).not.toContain('bad-direction');

    const deleted = await runAs(server, editor, DELETE, {
      input: { slug: 'devops-to-cto', version: 2 },
    });
    expect(deleted.data.careerDirectionDelete.key).toBe('devops-to-cto');
    expect((await server.data(path, {})).careerPath).toBeNull();
  });
});

describe('Career directions and seed runs', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let dir: string;

  beforeAll(async () => {
    dir = copyOfSeeds();
    server = await TestServer.start({ seedsDir: dir });
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep a direction edited through the API and apply a file change to another', async () => {
    const read = async (slug: string) =>
      (
        await server.data(
          `query($s: ID!) { node(id: $s) { ... on CareerDirection { rationale version } } }`,
          { s: Buffer.from(`CareerDirection:${slug}`).toString('base64url') },
        )
      ).node;
    const em = await read('backend-developer-to-engineering-manager');
    const edited = await runAs(
      server,
      editor,
      `mutation($input: CareerDirectionUpdateInput!) { careerDirectionUpdate(input: $input) { careerDirection { version } } }`,
      {
        input: {
          slug: 'backend-developer-to-engineering-manager',
          version: em.version,
          changes: { rationale: 'Edited through the API' },
        },
      },
    );
    expect(edited.errors).toBeUndefined();
    editSeed(
      dir,
      'guidance/career-directions.yaml',
      /(- slug: backend-developer-to-technical-lead\n(?:.*\n)*?    rationale: )>-\n(?:      .*\n)+/,
      '$1Changed in the file.\n',
    );
    const report = await loadSeedDirectory(server.db, dir);
    expect(report).toMatchObject({ applied: 1, kept: 1, conflicts: [], updated: 1 });
    expect((await read('backend-developer-to-engineering-manager')).rationale).toBe(
      'Edited through the API',
    );
    expect((await read('backend-developer-to-technical-lead')).rationale).toBe(
      'Changed in the file.',
    );
  });
});
