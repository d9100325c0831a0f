import { tinyGraphSeeds } from '../support/tiny-graph';
import { codeOf, TestServer } from '../support/server';

const PATHS = /* GraphQL */ `
  query Paths(
    $from: String!
    $to: String!
    $first: Int
    $avoidManagement: Boolean
    $maxYears: Float
    $via: String
  ) {
    careerPaths(
      from: $from
      to: $to
      first: $first
      avoidManagement: $avoidManagement
      maxYears: $maxYears
      via: $via
    ) {
      rank
      typicalYears {
        min
        max
      }
      stepsWithoutYears
      steps {
        kind
        to {
          slug
        }
      }
      payChange {
        currency
        min
        max
        from {
          slug
        }
        to {
          slug
        }
      }
      stops {
        level {
          slug
        }
        yearsSoFar {
          min
          max
        }
        salaryBands {
          slug
        }
        payChangeFromStart {
          currency
          min
          max
        }
      }
      citations {
        section
      }
    }
  }
`;
const slugsOf = (path: any) => path.steps.map((s: any) => s.to.slug);

describe('Career questions on a hand-made graph', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ seedsDir: tinyGraphSeeds() });
  });
  afterAll(() => server.stop());

  const paths = async (variables: Record<string, unknown>) =>
    (await server.data(PATHS, variables)).careerPaths;

  it('should list every distinct route best first, with years summed as ranges', async () => {
    const found = await paths({ from: 'a1', to: 'a3', first: 10 });
    expect(found.map(slugsOf)).toEqual([
      ['a2', 'a3'],
      ['b1', 'a3'],
    ]);
    expect(found.map((p: any) => p.rank)).toEqual([1, 2]);
    expect(found[0]).toMatchObject({ typicalYears: { min: 3, max: 5 }, stepsWithoutYears: 0 });
    // an unknown step stays unknown: min is a lower bound, max open, the step counted
    expect(found[1]).toMatchObject({ typicalYears: { min: 4, max: null }, stepsWithoutYears: 1 });
  });

  it('should give the pay at each stop and the change from the start, within one currency', async () => {
    const [best, side] = await paths({ from: 'a1', to: 'a3', first: 2 });
    expect(best.stops[0]).toMatchObject({
      level: { slug: 'a2' },
      yearsSoFar: { min: 1, max: 2 },
      salaryBands: [{ slug: 'alpha-pay' }],
    });
    expect(best.stops[0].payChangeFromStart).toEqual({
      currency: 'USD',
      min: 55000 - 60000,
      max: 75000 - 50000,
    });
    expect(best.stops[1].payChangeFromStart).toEqual({
      currency: 'USD',
      min: 80000 - 60000,
      max: null,
    });
    expect(best.payChange).toEqual({
      currency: 'USD',
      min: 20000,
      max: null,
      from: { slug: 'a1-pay' },
      to: { slug: 'a3-pay' },
    });
    // the EUR band of b1 is never set against the USD start
    expect(side.stops[0]).toMatchObject({
      level: { slug: 'b1' },
      salaryBands: [{ slug: 'b1-pay' }],
      payChangeFromStart: null,
    });
  });

  it('should apply the constraints: management, years budget, a role to pass through', async () => {
    expect((await paths({ from: 'a1', to: 'm1', first: 5 })).map(slugsOf)).toEqual([['a2', 'm1']]);
    expect(await paths({ from: 'a1', to: 'm1', avoidManagement: true })).toEqual([]);
    expect((await paths({ from: 'a1', to: 'a3', first: 5, maxYears: 3.5 })).map(slugsOf)).toEqual([
      ['a2', 'a3'],
    ]);
    expect((await paths({ from: 'a1', to: 'a3', first: 5, via: 'beta' })).map(slugsOf)).toEqual([
      ['b1', 'a3'],
    ]);
  });

  it('should stop at the target on a cycle and find nothing for an island', async () => {
    expect((await paths({ from: 'a1', to: 'c1', first: 5 })).map(slugsOf)).toEqual([
      ['a2', 'a3', 'c1'],
      ['b1', 'a3', 'c1'],
    ]);
    expect(await paths({ from: 'a1', to: 'z1', first: 5 })).toEqual([]);
    expect(
      (await server.data(`{ careerPath(from: "a1", to: "z1") { rank } }`)).careerPath,
    ).toBeNull();
  });

  it('should keep careerPath the first of careerPaths', async () => {
    const { careerPath } = await server.data(
      `{ careerPath(from: "a1", to: "a3") { rank steps { to { slug } } } }`,
    );
    expect(careerPath).toEqual({
      rank: 1,
      steps: [{ to: { slug: 'a2' } }, { to: { slug: 'a3' } }],
    });
  });

  it('should list reachable levels within a budget, by years then pay', async () => {
    const { reachableRoles } = await server.data(/* GraphQL */ `
      {
        reachableRoles(from: "a1", withinYears: 3) {
          level {
            slug
          }
          typicalYears {
            min
            max
          }
          stepsWithoutYears
          payChange {
            min
            max
          }
        }
      }
    `);
    expect(reachableRoles).toEqual([
      { level: { slug: 'b1' }, typicalYears: null, stepsWithoutYears: 1, payChange: null },
      {
        level: { slug: 'a2' },
        typicalYears: { min: 1, max: 2 },
        stepsWithoutYears: 0,
        payChange: { min: -5000, max: 25000 },
      },
      {
        level: { slug: 'm1' },
        typicalYears: { min: 2, max: 3 },
        stepsWithoutYears: 0,
        payChange: null,
      },
      {
        level: { slug: 'a3' },
        typicalYears: { min: 3, max: 5 },
        stepsWithoutYears: 0,
        payChange: { min: 20000, max: null },
      },
    ]);
  });

  it('should rank role levels by weighted skill coverage and say what each lacks', async () => {
    const { roleMatches } = await server.data(/* GraphQL */ `
      {
        roleMatches(have: ["two", "S3"], first: 3) {
          level {
            slug
          }
          score
          requiredCoverage
          missing {
            skill {
              slug
            }
          }
        }
      }
    `);
    // beta asks only s2 (held); c1 asks s3 (held, 3) and s1 (not, 1); a3 asks s3, s1 (3 each) and s2 (1)
    expect(roleMatches).toEqual([
      { level: { slug: 'b1' }, score: 1, requiredCoverage: 1, missing: [] },
      {
        level: { slug: 'c1' },
        score: 0.75,
        requiredCoverage: 1,
        missing: [{ skill: { slug: 's1' } }],
      },
      {
        level: { slug: 'a3' },
        score: 0.5714,
        requiredCoverage: 0.5,
        missing: [{ skill: { slug: 's1' } }],
      },
    ]);
  });

  it('should compare levels as table rows aligned with the columns', async () => {
    const { compareLevels } = await server.data(/* GraphQL */ `
      {
        compareLevels(slugs: ["a1", "a3", "c1"]) {
          levels {
            slug
          }
          skills {
            skill {
              slug
            }
            importances
            shared
          }
          sharedSkills {
            slug
          }
          distinctSkills {
            level {
              slug
            }
            skills {
              slug
            }
          }
        }
      }
    `);
    expect(compareLevels.levels.map((l: any) => l.slug)).toEqual(['a1', 'a3', 'c1']);
    expect(compareLevels.skills).toEqual([
      { skill: { slug: 's1' }, importances: ['REQUIRED', 'REQUIRED', 'RECOMMENDED'], shared: true },
      { skill: { slug: 's3' }, importances: [null, 'REQUIRED', 'REQUIRED'], shared: false },
      { skill: { slug: 's2' }, importances: ['RECOMMENDED', 'RECOMMENDED', null], shared: false },
    ]);
    expect(compareLevels.sharedSkills).toEqual([{ slug: 's1' }]);
    expect(compareLevels.distinctSkills.every((d: any) => d.skills.length === 0)).toBe(true);
  });

  it.each([
    [['a1'], 'slugs'],
    [['a1', 'a2', 'a3', 'b1', 'c1', 'm1'], 'slugs'],
    [['a1', 'nowhere'], 'slugs'],
  ])('should refuse compareLevels(%j) naming the argument', async (slugs) => {
    const result = await server.run(
      `query($s: [String!]!) { compareLevels(slugs: $s) { levels { slug } } }`,
      { s: slugs },
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/slugs/);
  });

  it('should refuse out-of-range arguments of the career questions', async () => {
    expect(codeOf(await server.run(PATHS, { from: 'a1', to: 'a3', first: 11 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await server.run(PATHS, { from: 'a1', to: 'a3', maxYears: -1 }))).toBe(
      'BAD_USER_INPUT',
    );
    const via = await server.run(PATHS, { from: 'a1', to: 'a3', via: 'nowhere' });
    expect(codeOf(via)).toBe('BAD_USER_INPUT');
    expect(via.errors?.[0].extensions?.argument).toBe('via');
    expect(
      codeOf(
        await server.run(`{ reachableRoles(from: "a1", withinYears: 100) { level { slug } } }`),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.run(`{ roleMatches(have: []) { score } }`))).toBe('BAD_USER_INPUT');
  });
});

describe('Career questions on the seeded graph', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should show the cited routes from junior back-end developer to solution architect and to engineering manager', async () => {
    // the guides describe no move into solution architect from the lead stage, a technical lead
    // or a principal engineer (they list those as alternatives), so one route leads there; and
    // engineering management from senior is a career direction (no starting level), so one
    // route of cited moves leads there too, through the lead stage
    for (const [to, routesCited] of [
      ['solution-architect', 1],
      ['engineering-manager', 1],
    ] as const) {
      const { careerPaths } = await server.data(PATHS, {
        from: 'junior-backend-developer',
        to,
        first: 5,
      });
      expect(careerPaths.length).toBe(routesCited);
      const routes = careerPaths.map((p: any) => slugsOf(p).join('>'));
      expect(new Set(routes).size).toBe(routes.length);
      for (const p of careerPaths) {
        expect(slugsOf(p)[slugsOf(p).length - 1]).toBe(to);
        expect(p.typicalYears.min).toBeGreaterThanOrEqual(3);
        expect(p.citations.length).toBeGreaterThan(0);
      }
      // pay where a band is known: no figure names the senior level, so its stop takes the role's
      // 2025 range; the entry figure has no ceiling, so the smallest possible change is unknown
      const senior = careerPaths[0].stops.find(
        (s: any) => s.level.slug === 'senior-backend-developer',
      );
      expect(senior.payChangeFromStart).toEqual({
        currency: 'USD',
        min: null,
        max: 154000 - 81000,
      });
    }
  });

  it('should find no move the guides do not describe: tech lead to solution architect is none', async () => {
    for (const from of ['technical-lead', 'principal-engineer', 'lead-backend-developer']) {
      expect(
        (await server.data(`{ careerPath(from: "${from}", to: "solution-architect") { rank } }`))
          .careerPath,
      ).toBeNull();
    }
    expect(
      (
        await server.data(
          `{ careerPath(from: "technical-lead", to: "engineering-manager") { rank } }`,
        )
      ).careerPath,
    ).toBeNull();
  });

  it('should avoid management on request and still reach solution architect', async () => {
    const { careerPaths } = await server.data(PATHS, {
      from: 'junior-backend-developer',
      to: 'solution-architect',
      first: 10,
      avoidManagement: true,
    });
    expect(careerPaths.length).toBeGreaterThan(0);
    expect(careerPaths.flatMap((p: any) => p.steps.map((s: any) => s.kind))).not.toContain(
      'MANAGEMENT',
    );
  });

  it('should list what a mid-level developer can reach within four years', async () => {
    const { reachableRoles } = await server.data(
      `{ reachableRoles(from: "mid-level-backend-developer", withinYears: 4) { level { slug } typicalYears { min } } }`,
    );
    const slugs = reachableRoles.map((r: any) => r.level.slug);
    expect(slugs).toEqual(
      expect.arrayContaining([
        'senior-backend-developer',
        'devops-engineer',
        'full-stack-developer',
        'data-engineer',
      ]),
    );
    expect(slugs).not.toContain('junior-backend-developer');
    const years = reachableRoles.map((r: any) => r.typicalYears?.min ?? 0);
    expect([...years].sort((a, b) => a - b)).toEqual(years);
  });

  it('should match a Java developer with cloud and CI skills to DevOps before management', async () => {
    const { roleMatches } = await server.data(
      `{ roleMatches(have: ["Java", "Docker", "Kubernetes", "AWS", "Jenkins", "CI/CD", "git"], first: 5) { level { slug } score } }`,
    );
    const slugs = roleMatches.map((m: any) => m.level.slug);
    expect(slugs[0]).toBe('devops-engineer');
    expect(slugs).not.toContain('engineering-manager');
    const scores = roleMatches.map((m: any) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('should give the advice for the move from mid-level to senior, each cited', async () => {
    const { careerPath } = await server.data(/* GraphQL */ `
      {
        careerPath(from: "mid-level-backend-developer", to: "senior-backend-developer") {
          steps {
            advice(kinds: [COMMON_MISTAKE, TIP]) {
              kind
              title
              citations {
                section
                source {
                  slug
                }
              }
            }
          }
        }
      }
    `);
    const advice = careerPath.steps[0].advice;
    expect(advice.map((a: any) => a.title)).toContain('Chasing a senior title too early');
    expect(
      advice.every(
        (a: any) => ['COMMON_MISTAKE', 'TIP'].includes(a.kind) && a.citations.length > 0,
      ),
    ).toBe(true);
  });

  it('should compare junior and senior back-end developer side by side', async () => {
    const { compareLevels } = await server.data(/* GraphQL */ `
      {
        compareLevels(slugs: ["junior-backend-developer", "senior-backend-developer"]) {
          levels {
            slug
            yearsInLevel {
              min
              max
            }
            yearsOfExperience {
              min
            }
            salaryBands {
              min
            }
            nextSteps {
              to {
                slug
              }
            }
          }
          distinctSkills {
            level {
              slug
            }
            skills {
              slug
            }
          }
        }
      }
    `);
    const [junior, senior] = compareLevels.levels;
    expect(junior.yearsInLevel).toEqual({ min: 1, max: 2 });
    expect(senior.yearsOfExperience).toEqual({ min: 5 });
    expect(junior.salaryBands.map((b: any) => b.min)).toContain(81000);
    expect(senior.nextSteps.length).toBeGreaterThan(3);
    expect(compareLevels.distinctSkills[1].skills.map((s: any) => s.slug)).toContain('mentoring');
  });
});
