import { TestServer } from '../support/server';

/** Path, match and comparison questions asked for stated facts only (issue 14, item 1). */
describe('Asking for stated facts only', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  const MATCHES = /* GraphQL */ `
    query ($b: Basis) {
      roleMatches(have: ["git", "unit testing", "Java", "Docker"], first: 100, basis: $b) {
        level {
          slug
        }
        score
        requiredCoverage
        editorialWeights
        matched {
          skill {
            slug
          }
          importanceBasis
        }
        missing {
          skill {
            slug
          }
        }
        missingGroups {
          name
        }
      }
    }
  `;

  it('should rank role matches without any editorial weight when asked for STATED', async () => {
    const all = (await server.data(MATCHES, {})).roleMatches;
    expect(all.some((m: any) => m.editorialWeights)).toBe(true);
    const stated = (await server.data(MATCHES, { b: 'STATED' })).roleMatches;
    expect(stated.length).toBeGreaterThan(0);
    for (const m of stated) expect(m.editorialWeights).toBe(false);
    // the seeds grade every skill editorially, so each listed skill (a group once, OPTIONAL ones too) counts the same
    const junior = stated.find((m: any) => m.level.slug === 'junior-backend-developer');
    const units = junior.matched.length + junior.missing.length + junior.missingGroups.length;
    expect(junior.matched.map((r: any) => r.skill.slug)).toEqual(
      expect.arrayContaining(['git', 'unit-testing', 'java', 'docker']),
    );
    expect(junior.score).toBeCloseTo(junior.matched.length / units, 4);
    expect(junior.requiredCoverage).toBe(junior.score);
    // with weights the same skills score differently (REQUIRED 3, RECOMMENDED 1, OPTIONAL 0)
    const weighted = all.find((m: any) => m.level.slug === 'junior-backend-developer');
    expect(weighted.editorialWeights).toBe(true);
    const order = (list: any[]) => list.map((m) => m.level.slug).join(',');
    expect(order(stated)).not.toEqual(order(all));
  });

  const COMPARE = /* GraphQL */ `
    query ($b: Basis) {
      compareLevels(slugs: ["junior-backend-developer", "senior-backend-developer"], basis: $b) {
        omittedGrades
        omittedReason
        skills {
          skill {
            slug
          }
          importances
          importanceBases
          listed
          shared
        }
        sharedSkills {
          slug
        }
      }
    }
  `;

  it('should leave editorial grades out of a comparison when asked for STATED, saying why', async () => {
    const all = (await server.data(COMPARE, {})).compareLevels;
    expect(all.omittedGrades).toBe(0);
    expect(all.omittedReason).toBeNull();
    for (const row of all.skills) {
      row.listed.forEach((listed: boolean, i: number) =>
        expect(row.importances[i] !== null).toBe(listed),
      );
      expect(row.importanceBases.filter(Boolean).every((b: string) => b === 'EDITORIAL')).toBe(
        true,
      );
    }
    const stated = (await server.data(COMPARE, { b: 'STATED' })).compareLevels;
    const listedCount = stated.skills.reduce(
      (n: number, row: any) => n + row.listed.filter(Boolean).length,
      0,
    );
    expect(stated.omittedGrades).toBe(listedCount);
    expect(stated.omittedReason).toMatch(/EDITORIAL/);
    for (const row of stated.skills) {
      expect(row.importances).toEqual([null, null]);
      expect(row.importanceBases).toEqual([null, null]);
    }
    // what the levels list is a stated fact and stays
    expect(stated.skills.map((r: any) => [r.skill.slug, r.listed, r.shared])).toEqual(
      all.skills.map((r: any) => [r.skill.slug, r.listed, r.shared]),
    );
    expect(stated.sharedSkills).toEqual(all.sharedSkills);
  });

  it('should mark a path of cited moves STATED and its sums DERIVED', async () => {
    const q = `query($b: Basis) { careerPath(from: "junior-backend-developer", to: "senior-backend-developer", basis: $b) {
      basis yearsBasis typicalYears { min max } route { kind basis typicalYears { text } } timeToReach { boundBy years { text } } } }`;
    const all = (await server.data(q, {})).careerPath;
    const stated = (await server.data(q, { b: 'STATED' })).careerPath;
    expect(stated).toEqual(all);
    expect(stated).toMatchObject({
      basis: 'STATED',
      yearsBasis: 'DERIVED',
      typicalYears: { min: 3, max: 6 },
      timeToReach: { boundBy: 'ENTRY_REQUIREMENT' },
    });
    expect(stated.route.map((s: any) => [s.kind, s.basis, s.typicalYears.text])).toEqual([
      ['TRANSITION', 'STATED', 'about 1 to 2 years'],
      ['TRANSITION', 'STATED', 'about 2 to 4 years'],
    ]);
  });
});
