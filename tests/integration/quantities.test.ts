import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { codeOf, TestServer } from '../support/server';

const BANDS = /* GraphQL */ `
  {
    role(slug: "backend-developer") {
      salaryBands {
        slug
        region
        min
        max
        level {
          slug
        }
        amount {
          min
          minQualifier
          max
          maxQualifier
          orMore
          currency
          period
          region
          year
          text
        }
      }
      levels {
        slug
        yearsInLevel {
          min
          max
        }
        yearsInLevelQuantity {
          min
          minQualifier
          max
          maxQualifier
          text
        }
        yearsOfExperience {
          min
          max
        }
        yearsOfExperienceQuantity {
          min
          minQualifier
          max
          maxQualifier
          text
        }
      }
    }
  }
`;

describe('Quantities as the sources state them', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let role: any;
  const band = (slug: string) => role.salaryBands.find((b: any) => b.slug === slug);
  const level = (slug: string) => role.levels.find((l: any) => l.slug === slug);

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
    role = (await server.data(BANDS)).role;
  });
  afterAll(() => server.stop());

  it('should read the top-performer pay as about $200,000 or more', () => {
    expect(band('backend-developer-us-top-performers').amount).toEqual({
      min: 200000,
      minQualifier: 'ABOUT',
      max: null,
      maxQualifier: null,
      orMore: true,
      currency: 'USD',
      period: 'ANNUAL',
      region: 'US',
      year: null,
      text: 'about $200,000 or more a year',
    });
  });

  it('should read the entry pay as about $81,000 with no ceiling', () => {
    const entry = band('backend-developer-us-entry-level');
    expect(entry.amount).toEqual(
      expect.objectContaining({
        min: 81000,
        minQualifier: 'ABOUT',
        max: null,
        maxQualifier: null,
        orMore: false,
        text: 'about $81,000 a year',
      }),
    );
    // the derived view keeps its numbers, and no longer invents a ceiling
    expect([entry.min, entry.max]).toEqual([81000, null]);
  });

  it('should pin the experienced figure to no level, as more than $120,000', () => {
    const experienced = band('backend-developer-us-experienced');
    expect(experienced.level).toBeNull();
    expect(experienced.amount).toEqual(
      expect.objectContaining({
        min: 120000,
        minQualifier: 'MORE_THAN',
        text: 'more than $120,000 a year',
      }),
    );
  });

  it('should not invent a region or year the source does not give', () => {
    const average = band('backend-developer-us-average-range');
    expect(average.amount).toEqual(
      expect.objectContaining({
        region: null,
        year: null,
        min: 75000,
        minQualifier: 'EXACT',
        max: 120000,
        maxQualifier: 'EXACT',
        text: '$75,000 to $120,000 a year',
      }),
    );
    expect(average.region).toBe('unspecified');
  });

  it('should keep "over five years" as more than 5, and the ranges as about', () => {
    expect(level('senior-backend-developer').yearsOfExperienceQuantity).toEqual({
      min: 5,
      minQualifier: 'MORE_THAN',
      max: null,
      maxQualifier: null,
      text: 'more than 5 years',
    });
    expect(level('senior-backend-developer').yearsOfExperience).toEqual({ min: 5, max: null });
    expect(level('junior-backend-developer').yearsInLevelQuantity).toEqual({
      min: 1,
      minQualifier: 'ABOUT',
      max: 2,
      maxQualifier: 'ABOUT',
      text: 'about 1 to 2 years',
    });
    expect(level('mid-level-backend-developer').yearsInLevelQuantity.text).toBe(
      'about 2 to 4 years',
    );
  });

  describe('written by a curator', () => {
    const CREATE = /* GraphQL */ `
      mutation ($input: SalaryBandCreateInput!) {
        salaryBandCreate(input: $input) {
          salaryBand {
            region
            amount {
              min
              minQualifier
              max
              maxQualifier
              orMore
              region
              text
            }
          }
        }
      }
    `;
    const CITE = [
      { source: 'backend-career-guide', section: 'How much can you earn as a back-end developer?' },
    ];
    const input = (slug: string, extra: Record<string, unknown>) => ({
      input: {
        slug,
        role: 'backend-developer',
        label: 'test figure',
        currency: 'USD',
        period: 'ANNUAL',
        cite: CITE,
        ...extra,
      },
    });

    it('should write each form, region left unknown', async () => {
      const made = await runAs(
        server,
        editor,
        CREATE,
        input('q-about-or-more', { min: 90000, minQualifier: 'ABOUT', orMore: true }),
      );
      expect(made.errors).toBeUndefined();
      expect(made.data?.salaryBandCreate.salaryBand).toEqual({
        region: 'unspecified',
        amount: {
          min: 90000,
          minQualifier: 'ABOUT',
          max: null,
          maxQualifier: null,
          orMore: true,
          region: null,
          text: 'about $90,000 or more a year',
        },
      });
      const upTo = await runAs(
        server,
        editor,
        CREATE,
        input('q-up-to', { region: 'US', max: 50000, maxQualifier: 'UP_TO' }),
      );
      expect(upTo.data?.salaryBandCreate.salaryBand.amount.text).toBe('up to $50,000 a year');
    });

    it('should refuse an impossible form with BAD_USER_INPUT naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ min: 1000, minQualifier: 'UP_TO' }, 'input.minQualifier'],
        [{ max: 1000, maxQualifier: 'MORE_THAN' }, 'input.maxQualifier'],
        [{ maxQualifier: 'ABOUT' }, 'input.maxQualifier'],
        [{ min: 1000, max: 2000, orMore: true }, 'input.orMore'],
      ];
      for (const [extra, field] of cases) {
        const refused = await runAs(server, editor, CREATE, input('q-impossible', extra));
        expect([codeOf(refused), refused.errors?.[0].extensions?.argument]).toEqual([
          'BAD_USER_INPUT',
          field,
        ]);
      }
      expect(
        (
          await server.data(`{ role(slug: "backend-developer") { salaryBands { slug } } }`)
        ).role.salaryBands.map((b: any) => b.slug),
      ).not.toContain('q-impossible');
    });

    it('should write a qualified year range and refuse a qualifier on a missing bound', async () => {
      const UPDATE = /* GraphQL */ `
        mutation ($input: RoleLevelUpdateInput!) {
          roleLevelUpdate(input: $input) {
            roleLevel {
              yearsOfExperienceQuantity {
                text
              }
            }
          }
        }
      `;
      const { roleLevel } = await server.data(
        `{ roleLevel(slug: "lead-backend-developer") { version } }`,
      );
      const ok = await runAs(server, editor, UPDATE, {
        input: {
          slug: 'lead-backend-developer',
          version: roleLevel.version,
          changes: { yearsOfExperience: { min: 8, minQualifier: 'AT_LEAST' } },
        },
      });
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.roleLevelUpdate.roleLevel.yearsOfExperienceQuantity.text).toBe(
        'at least 8 years',
      );
      const bad = await runAs(server, editor, UPDATE, {
        input: {
          slug: 'lead-backend-developer',
          version: roleLevel.version + 1,
          changes: { yearsOfExperience: { min: 8, maxQualifier: 'UP_TO' } },
        },
      });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].message).toContain(
        'yearsOfExperience.maxQualifier: maxQualifier needs a max to qualify',
      );
    });
  });
});
