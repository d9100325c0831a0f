import { TestServer } from '../support/server';

const TIME = /* GraphQL */ `
  query ($from: String!, $to: String!) {
    careerPath(from: $from, to: $to) {
      typicalYears {
        min
        max
      }
      timeToReach {
        years {
          min
          minQualifier
          max
          maxQualifier
          text
        }
        stepSum {
          text
        }
        boundBy
        explanation
        requirementLevel {
          slug
        }
        citations {
          section
          span {
            start
            end
            sha256
          }
        }
      }
      stops {
        level {
          slug
        }
        timeToReach {
          years {
            text
          }
          boundBy
        }
      }
    }
  }
`;

describe('Experience requirements bound the time a path takes', () => {
  let server: TestServer;
  const time = async (from: string, to: string) =>
    (await server.data(TIME, { from, to })).careerPath;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should answer more than 5 years from junior to senior back-end, bound by the senior level', async () => {
    const path = await time('junior-backend-developer', 'senior-backend-developer');
    // the plain sum is still there, and still says what it is
    expect(path.typicalYears).toEqual({ min: 3, max: 6 });
    expect(path.timeToReach.stepSum.text).toBe('about 3 to 6 years');
    expect(path.timeToReach.years).toEqual({
      min: 5,
      minQualifier: 'MORE_THAN',
      max: 6,
      maxQualifier: 'ABOUT',
      text: 'more than 5 to about 6 years',
    });
    expect(path.timeToReach.boundBy).toBe('ENTRY_REQUIREMENT');
    expect(path.timeToReach.requirementLevel).toEqual({ slug: 'senior-backend-developer' });
    expect(path.timeToReach.explanation).toContain(
      'Senior back-end developer asks for more than 5 years of experience',
    );
    // the statement that bound it: the senior level's citation, anchored to its span
    expect(path.timeToReach.citations[0]).toEqual(
      expect.objectContaining({
        section: 'What is the typical career progression for a back-end developer?',
        span: expect.objectContaining({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      }),
    );
    expect(path.stops.map((s: any) => [s.level.slug, s.timeToReach.boundBy])).toEqual([
      ['mid-level-backend-developer', 'STEP_SUM'],
      ['senior-backend-developer', 'ENTRY_REQUIREMENT'],
    ]);
  });

  it('should keep the requirement past the level that states it, dropping a ceiling the steps cannot give', async () => {
    const path = await time('junior-backend-developer', 'lead-backend-developer');
    expect(path.timeToReach.years.text).toBe('more than 5 years');
    expect(path.timeToReach.stepSum.text).toBe('at least 3 years');
    expect(path.timeToReach.requirementLevel.slug).toBe('senior-backend-developer');
  });

  it('should not apply a total-experience requirement from a level that is not an entry level', async () => {
    const path = await time('mid-level-backend-developer', 'senior-backend-developer');
    expect(path.timeToReach).toEqual(
      expect.objectContaining({ boundBy: 'STEP_SUM', requirementLevel: null, citations: [] }),
    );
    expect(path.timeToReach.years.text).toBe('about 2 to 4 years');
  });
});
