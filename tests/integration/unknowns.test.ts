import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { TestServer } from '../support/server';

const EMPLOYERS = (filter: string) => /* GraphQL */ `
  { employers(filter: ${filter}, first: 100) { totalCount nodes { slug offersInternships internshipsOffered } } }
`;

describe('Unknown is not false', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  it('should answer null for the employers the sources are silent about, true for the three they name', async () => {
    const { employers } = await server.data(EMPLOYERS('{}'));
    const stated = employers.nodes.filter((e: any) => e.internshipsOffered !== null);
    expect(stated.map((e: any) => e.slug).sort()).toEqual([
      'new-york-life',
      'robinhood',
      'snowflake',
    ]);
    expect(
      stated.every((e: any) => e.internshipsOffered === true && e.offersInternships === true),
    ).toBe(true);
    const silent = employers.nodes.filter((e: any) => e.internshipsOffered === null);
    expect(silent).toHaveLength(18);
    // the contract's Boolean! stays, as "not known to offer"
    expect(silent.every((e: any) => e.offersInternships === false)).toBe(true);
  });

  it('should filter on what the sources state, never matching the silent ones', async () => {
    expect(
      (await server.data(EMPLOYERS('{ internshipsOffered: false }'))).employers.totalCount,
    ).toBe(0);
    expect(
      (await server.data(EMPLOYERS('{ internshipsOffered: true }'))).employers.totalCount,
    ).toBe(3);
    expect(
      (await server.data(EMPLOYERS('{ offersInternships: false }'))).employers.totalCount,
    ).toBe(18);
  });

  it('should let a curator write true, false or unknown', async () => {
    const CREATE = /* GraphQL */ `
      mutation ($input: EmployerCreateInput!) {
        employerCreate(input: $input) {
          employer {
            slug
            version
            internshipsOffered
            offersInternships
          }
        }
      }
    `;
    const UPDATE = /* GraphQL */ `
      mutation ($input: EmployerUpdateInput!) {
        employerUpdate(input: $input) {
          employer {
            internshipsOffered
          }
        }
      }
    `;
    const cite = [
      { source: 'backend-career-guide', section: 'Where can you work as a back-end developer?' },
    ];
    const silent = await runAs(server, editor, CREATE, {
      input: { slug: 'quiet-co', name: 'Quiet Co', cite },
    });
    expect(silent.data?.employerCreate.employer).toEqual(
      expect.objectContaining({ internshipsOffered: null, offersInternships: false }),
    );
    const no = await runAs(server, editor, CREATE, {
      input: { slug: 'no-interns-co', name: 'No Interns Co', offersInternships: false, cite },
    });
    expect(no.data?.employerCreate.employer.internshipsOffered).toBe(false);
    const version = no.data?.employerCreate.employer.version;
    const cleared = await runAs(server, editor, UPDATE, {
      input: { slug: 'no-interns-co', version, changes: { offersInternships: null } },
    });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data?.employerUpdate.employer.internshipsOffered).toBeNull();
  });
});
