import { syntheticSeeds } from '../support/fixtures';
import { TestServer } from '../support/server';

const NESTED = /* GraphQL */ `
  query Nested($first: Int!) {
    roles(first: $first) {
      nodes {
        name
        citations { section source { title } }
        levels {
          slug
          skills { importance skill { slug broader { slug } certifications { slug issuer { name } } } }
          salaryBands { min max }
          nextSteps { to { slug } skillsToGain { slug } citations { section } }
        }
        salaryBands { label min max citations { source { slug } } }
        employers(first: 5) { totalCount nodes { name sectors { name } } }
        relatedRoles { slug }
      }
    }
  }
`;

describe('SQL statements per request', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ seedsDir: syntheticSeeds(60) });
  });
  afterAll(() => server.stop());

  it('should not grow with the number of parents (no N+1)', async () => {
    const few = await server.run(NESTED, { first: 5 });
    const many = await server.run(NESTED, { first: 50 });
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(few.data.roles.nodes).toHaveLength(5);
    expect(many.data.roles.nodes).toHaveLength(50);
    expect(many.data.roles.nodes[49].levels[0].skills.length).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    // one statement per kind of lookup in the query's shape (21 here), never one per row
    expect(many.statements).toBeLessThanOrEqual(21);
  });
});
