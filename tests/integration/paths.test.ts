import { codeOf, TestServer } from '../support/server';

const PATH = /* GraphQL */ `
  query Path($from: String!, $to: String!) {
    careerPath(from: $from, to: $to) {
      from {
        slug
      }
      to {
        slug
      }
      typicalYears {
        min
        max
      }
      stepsWithoutYears
      steps {
        kind
        from {
          slug
        }
        to {
          slug
        }
        typicalYears {
          min
          max
        }
        citations {
          section
          source {
            slug
          }
        }
      }
      skillsToGain {
        slug
      }
      certifications {
        slug
      }
    }
  }
`;

describe('careerPath', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  const path = async (from: string, to: string) =>
    (await server.data(PATH, { from, to })).careerPath;

  it('should lead from junior back-end developer to solution architect through cited steps', async () => {
    const found = await path('junior-backend-developer', 'solution-architect');
    expect(found.from.slug).toBe('junior-backend-developer');
    expect(found.to.slug).toBe('solution-architect');
    expect(found.steps[0]).toMatchObject({
      kind: 'PROMOTION',
      to: { slug: 'mid-level-backend-developer' },
      typicalYears: { min: 1, max: 2 },
    });
    for (let i = 1; i < found.steps.length; i += 1)
      expect(found.steps[i].from.slug).toBe(found.steps[i - 1].to.slug);
    for (const step of found.steps) expect(step.citations.length).toBeGreaterThan(0);
    expect(found.skillsToGain.length).toBeGreaterThan(0);
  });

  it('should list the certifications of a path once each, by name', async () => {
    const { careerPath } = await server.data(
      `{ careerPath(from: "junior-backend-developer", to: "cloud-engineer") { certifications { slug name } } }`,
    );
    const names = careerPath.certifications.map((c: any) => c.name);
    expect(names.length).toBeGreaterThan(1);
    expect(new Set(careerPath.certifications.map((c: any) => c.slug)).size).toBe(names.length);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it('should sum the known years as a range and say how many steps have none', async () => {
    const found = await path('junior-backend-developer', 'senior-backend-developer');
    expect(found.steps.map((s: any) => s.to.slug)).toEqual([
      'mid-level-backend-developer',
      'senior-backend-developer',
    ]);
    expect(found.typicalYears).toEqual({ min: 3, max: 6 });
    expect(found.stepsWithoutYears).toBe(0);
  });

  it('should reach engineering manager, with a management move on the way', async () => {
    const found = await path('junior-backend-developer', 'engineering-manager');
    expect(found.to.slug).toBe('engineering-manager');
    expect(found.steps.map((s: any) => s.kind)).toContain('MANAGEMENT');
  });

  it("should read a role slug as `from` as the role's entry level", async () => {
    expect(await path('backend-developer', 'solution-architect')).toEqual(
      await path('junior-backend-developer', 'solution-architect'),
    );
  });

  it('should read a role slug as `to` as whichever of its levels comes first', async () => {
    const found = await path('junior-backend-developer', 'backend-developer');
    expect(found.steps).toEqual([]);
    expect(found.typicalYears).toEqual({ min: 0, max: 0 });
  });

  it('should return null when no route exists', async () => {
    const { careerPath } = await server.data(PATH, { from: 'cto', to: 'junior-backend-developer' });
    expect(careerPath).toBeNull();
  });

  it.each([
    ['from', { from: 'astronaut', to: 'cto' }],
    ['to', { from: 'backend-developer', to: 'astronaut' }],
  ])('should refuse an unknown slug as BAD_USER_INPUT naming `%s`', async (argument, variables) => {
    const result = await server.run(PATH, variables);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe(argument);
  });
});

describe('skillGap', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  const GAP = /* GraphQL */ `
    query Gap($target: String!, $have: [String!]!) {
      skillGap(target: $target, have: $have) {
        target {
          slug
        }
        coverage
        unrecognized
        matched {
          importance
          skill {
            slug
          }
        }
        missing {
          importance
          skill {
            slug
          }
        }
        missingGroups {
          importance
          options {
            skill {
              slug
            }
          }
        }
      }
    }
  `;

  it('should match names and aliases in any case and report what it could not match', async () => {
    const { skillGap } = await server.data(GAP, {
      target: 'junior-backend-developer',
      have: ['GIT', 'node.js', 'Postgres', 'basket weaving'],
    });
    const matched = skillGap.matched.map((m: any) => m.skill.slug);
    expect(matched).toEqual(expect.arrayContaining(['git', 'javascript-nodejs', 'postgresql']));
    expect(skillGap.unrecognized).toEqual(['basket weaving']);
    expect(skillGap.missing.map((m: any) => m.skill.slug)).not.toContain('git');
  });

  it('should compute coverage as the share of REQUIRED skills held', async () => {
    const none = (await server.data(GAP, { target: 'junior-backend-developer', have: [] }))
      .skillGap;
    expect(none.coverage).toBe(0);
    expect(none.matched).toEqual([]);
    // a required group of alternatives is met by one of its options
    const required = [
      ...none.missing.filter((m: any) => m.importance === 'REQUIRED').map((m: any) => m.skill.slug),
      ...none.missingGroups
        .filter((g: any) => g.importance === 'REQUIRED')
        .map((g: any) => g.options[0].skill.slug),
    ];
    expect(required.length).toBeGreaterThan(0);
    const all = (await server.data(GAP, { target: 'junior-backend-developer', have: required }))
      .skillGap;
    expect(all.coverage).toBe(1);
    const half = (
      await server.data(GAP, {
        target: 'junior-backend-developer',
        have: required.slice(0, Math.floor(required.length / 2)),
      })
    ).skillGap;
    expect(half.coverage).toBeGreaterThan(0);
    expect(half.coverage).toBeLessThan(1);
  });

  it("should read a role slug as the role's entry level", async () => {
    const { skillGap } = await server.data(GAP, { target: 'backend-developer', have: [] });
    expect(skillGap.target.slug).toBe('junior-backend-developer');
  });

  it('should refuse an unknown target naming the argument', async () => {
    const result = await server.run(GAP, { target: 'astronaut', have: [] });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe('target');
  });

  it('should refuse more than 100 skills without echoing them back', async () => {
    const have = Array.from({ length: 101 }, (_, i) => `secret-skill-${i}`);
    const result = await server.run(GAP, { target: 'backend-developer', have });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/have/);
    expect(JSON.stringify(result.errors)).not.toContain('secret-skill');
  });
});
