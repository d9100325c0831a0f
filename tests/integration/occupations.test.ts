import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { codeOf, SEEDS_DIR, TestServer } from '../support/server';

const ROLE_CODES = /* GraphQL */ `
  query RoleCodes {
    roles(first: 50) {
      nodes {
        slug
        occupationCodes {
          system
          code
          match
          occupation {
            title
            url
            readOn
            classification {
              slug
              title
            }
          }
        }
      }
    }
  }
`;

const BY_CODE = /* GraphQL */ `
  query ByCode($system: OccupationSystem!, $code: String!) {
    occupations(system: $system, code: $code) {
      match
      role {
        slug
      }
      occupation {
        code
        title
      }
    }
  }
`;

const PAY = /* GraphQL */ `
  query Pay($slug: String!) {
    role(slug: $slug) {
      name
      levels {
        slug
        salaryBands {
          slug
        }
        payStatistics {
          statistic
          amount
          year
          referencePeriod
          url
          readOn
          match
          measures
          occupation {
            system
            code
          }
        }
      }
    }
  }
`;

const PATH = /* GraphQL */ `
  query Path($from: String!, $to: String!) {
    careerPath(from: $from, to: $to) {
      stops {
        level {
          slug
        }
        salaryBands {
          slug
        }
        payStatistics {
          statistic
          amount
          year
          url
          readOn
          occupation {
            code
          }
        }
      }
      payChange {
        compares
      }
      wageChange {
        statistic
        compares
        difference
        sameYear
        from {
          amount
          occupation {
            code
          }
        }
        to {
          amount
          occupation {
            code
          }
        }
      }
    }
  }
`;

describe('Occupations', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should give every role at least one SOC 2018 and one ISCO-08 code with a match type and a cited classification', async () => {
    const { roles } = await server.data(ROLE_CODES);
    expect(roles.nodes).toHaveLength(16);
    for (const role of roles.nodes) {
      const systems = new Set(role.occupationCodes.map((c: any) => c.system));
      expect({
        role: role.slug,
        soc: systems.has('SOC_2018'),
        isco: systems.has('ISCO_08'),
      }).toEqual({ role: role.slug, soc: true, isco: true });
      for (const c of role.occupationCodes) {
        expect(['EXACT', 'CLOSE', 'BROAD', 'NARROW', 'RELATED']).toContain(c.match);
        expect(c.occupation.url).toMatch(/^https?:\/\//);
        expect(c.occupation.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(c.occupation.classification.slug).toMatch(/^(soc-2018|onet-soc-2019|isco-08)$/);
      }
    }
  });

  it('should list the classifications among the sources, with no headings (they are web pages) rather than an error', async () => {
    const { sources } = await server.data(`{ sources { slug url sections { heading } } }`);
    const soc = sources.find((s: any) => s.slug === 'soc-2018');
    expect(soc).toEqual({
      slug: 'soc-2018',
      url: expect.stringMatching(/^https?:\/\//),
      sections: [],
    });
    expect(
      sources.find((s: any) => s.slug === 'backend-career-guide').sections.length,
    ).toBeGreaterThan(5);
  });

  it('should find back-end developer from SOC 15-1252, and the roles of a code strongest match first', async () => {
    const { occupations } = await server.data(BY_CODE, { system: 'SOC_2018', code: '15-1252' });
    expect(occupations).toContainEqual({
      match: 'BROAD',
      role: { slug: 'backend-developer' },
      occupation: { code: '15-1252', title: 'Software Developers' },
    });
    const managers = await server.data(BY_CODE, { system: 'SOC_2018', code: '11-3021' });
    expect(managers.occupations.map((m: any) => [m.role.slug, m.match])).toEqual([
      ['engineering-manager', 'CLOSE'],
      ['cto', 'BROAD'],
    ]);
    // a well-formed code the graph does not hold maps to nothing
    expect(
      (await server.data(BY_CODE, { system: 'SOC_2018', code: '29-1141' })).occupations,
    ).toEqual([]);
  });

  it('should refuse a code that does not fit its system, naming the argument', async () => {
    for (const [system, code] of [
      ['SOC_2018', '151252'],
      ['ONET_SOC_2019', '15-1252'],
      ['ISCO_08', '251'],
      ['ESCO', 'C1330'],
    ]) {
      const result = await server.run(BY_CODE, { system, code });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.argument).toBe('code');
      expect(result.errors?.[0].message).toContain(`"${code}" is not a ${system} code`);
    }
  });

  it('should answer "what will I earn as a solution architect" with cited statistics beside the (absent) guide bands', async () => {
    const { role } = await server.data(PAY, { slug: 'solution-architect' });
    const [level] = role.levels;
    expect(level.salaryBands).toEqual([]);
    expect(level.payStatistics).toContainEqual(
      expect.objectContaining({
        statistic: 'MEDIAN',
        amount: 108970,
        match: 'BROAD',
        occupation: { system: 'SOC_2018', code: '15-1299' },
      }),
    );
    for (const s of level.payStatistics) {
      expect(s.url).toMatch(/^https?:\/\//);
      expect(s.readOn).toBe('2026-11-30');
      expect(s.measures).toContain(s.occupation.code);
    }
  });

  it('should answer "what will I earn as an engineering manager" with the year and source named', async () => {
    const { role } = await server.data(PAY, { slug: 'engineering-manager' });
    const stats = role.levels[0].payStatistics;
    expect(stats[0]).toMatchObject({
      statistic: 'MEDIAN',
      amount: 164070,
      year: 2022,
      referencePeriod: 'May 2022',
      url: 'https://www.bls.gov/ooh/management/computer-and-information-systems-managers.htm',
    });
    expect(stats[0].measures).toBe(
      'median annual wage of SOC_2018 11-3021 Computer and Information Systems Managers; US national, all industries; May 2022; US Bureau of Labor Statistics, OEWS (national, all industries), as given in the Occupational Outlook Handbook',
    );
  });

  it('should show pay at every stop from junior back-end developer to solution architect, and say which statistic the changes compare', async () => {
    const { careerPath } = await server.data(PATH, {
      from: 'junior-backend-developer',
      to: 'solution-architect',
    });
    expect(careerPath.stops.length).toBeGreaterThan(1);
    for (const stop of careerPath.stops)
      expect({ level: stop.level.slug, figures: stop.payStatistics.length > 0 }).toEqual({
        level: stop.level.slug,
        figures: true,
      });
    expect(careerPath.wageChange).toMatchObject({
      statistic: 'MEDIAN',
      sameYear: false,
      difference: 108970 - 133080,
      from: { amount: 133080, occupation: { code: '15-1252' } },
      to: { amount: 108970, occupation: { code: '15-1299' } },
    });
    expect(careerPath.wageChange.compares).toContain(
      'median wage, 15-1252 Software Developers to 15-1299 Computer Occupations, All Other',
    );
    if (careerPath.payChange) expect(careerPath.payChange.compares).toMatch(/^guide salary bands/);
  });

  it('should cite every wage figure in the seeds with a page and the date it was read', () => {
    const doc = parse(readFileSync(join(SEEDS_DIR, 'occupations.yaml'), 'utf8'));
    const wages = doc.occupations.flatMap((o: any) => o.wages ?? []);
    expect(wages.length).toBeGreaterThan(10);
    for (const w of wages) {
      expect(w.url).toMatch(/^https?:\/\//);
      expect(w.readOn).toBe('2026-11-30');
      expect(w.referencePeriod.length).toBeGreaterThan(0);
    }
    expect(readdirSync(SEEDS_DIR)).toContain('occupations.yaml');
  });
});
