import { ApiRole } from '../../src/core/auth/api-key.entity';
import { bumpGraphVersion } from '../../src/core/cache';
import { loadDocuments } from '../../src/modules/search/documents';
import { SearchIndex } from '../../src/modules/search/search-engine';
import {
  queryTerms,
  searchIndexOf,
  searchIndexStats,
} from '../../src/modules/search/search.service';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { TestServer } from '../support/server';
import judgements from '../search-eval/judgements.json';

const SEARCH = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, first: 50) {
      node {
        __typename
        ... on Sector {
          slug
        }
        ... on Employer {
          slug
        }
        ... on Role {
          slug
        }
        ... on RoleLevel {
          slug
        }
      }
    }
  }
`;
const cite = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

// A write changes the index for what it touched (and the documents naming it) at the next request; it does not rebuild it.
describe('search index updates', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  const found = async (query: string) =>
    (
      (await server.data(SEARCH, { query })).search as {
        node: { __typename: string; slug: string };
      }[]
    ).map((h) => `${h.node.__typename}:${h.node.slug}`);
  const write = async (mutation: string, input: unknown) => {
    const result = await runAs(server, editor, mutation, { input });
    expect(result.errors).toBeUndefined();
  };
  /** Writes `changes` to a sector at its current version. */
  const updateSector = async (slug: string, changes: Record<string, string>) => {
    const { sector } = await server.data(`{ sector(slug: "${slug}") { version } }`);
    await write(
      `mutation($input: SectorUpdateInput!) { sectorUpdate(input: $input) { sector { slug } } }`,
      { slug, version: sector.version, changes },
    );
  };

  it('should carry a renamed sector into its employers’ text, by an update, not a rebuild', async () => {
    expect(await found('paytech')).toEqual([]);
    const builds = searchIndexStats.builds;
    const updates = searchIndexStats.updates;
    await updateSector('fintech', { name: 'Fintech and paytech' });
    const hits = await found('paytech');
    expect(hits[0]).toBe('Sector:fintech');
    expect(hits).toEqual(
      expect.arrayContaining(['Employer:stripe', 'Employer:square', 'Employer:robinhood']),
    );
    expect(searchIndexStats.builds).toBe(builds);
    expect(searchIndexStats.updates).toBe(updates + 1);
    expect((await searchIndexOf(server.db)).updatedDocs).toBeGreaterThanOrEqual(4); // the sector and its employers
  });

  it('should document again only the record when a write leaves its name as it was', async () => {
    const before = (await searchIndexOf(server.db)).updatedDocs;
    await updateSector('technology', {
      description: 'Software and hardware makers, and quasarware.',
    });
    expect(await found('quasarware')).toEqual(['Sector:technology']);
    // its employers carry its name, which did not change: their documents stay as they were
    expect((await searchIndexOf(server.db)).updatedDocs).toBe(before + 1);
  });

  it('should drop a deleted role’s levels with it', async () => {
    await write(
      `mutation($input: RoleCreateInput!) { roleCreate(input: $input) { role { slug } } }`,
      { slug: 'quokka-wrangler', name: 'Quokka wrangler', summary: 'Herds quokkas.', cite },
    );
    await write(
      `mutation($input: RoleLevelCreateInput!) { roleLevelCreate(input: $input) { roleLevel { slug } } }`,
      {
        slug: 'senior-quokka-wrangler',
        name: 'Senior wrangler',
        rank: 1,
        role: 'quokka-wrangler',
        summary: 'Leads the herd.',
        cite,
      },
    );
    // the level carries its role's name
    expect(await found('quokka')).toEqual([
      'Role:quokka-wrangler',
      'RoleLevel:senior-quokka-wrangler',
    ]);
    const { role } = await server.data(`{ role(slug: "quokka-wrangler") { version } }`);
    await write(
      `mutation($input: RoleDeleteInput!) { roleDelete(input: $input) { deletedKey: key } }`,
      { slug: 'quokka-wrangler', version: role.version },
    );
    expect(await found('quokka')).toEqual([]);
    expect(await found('herd')).toEqual([]);
  });

  it('should rank after updates exactly as an index built afresh from the tables', async () => {
    const updated = await searchIndexOf(server.db);
    expect(updated.updatedDocs).toBeGreaterThan(0);
    const fresh = await SearchIndex.build(await loadDocuments(server.db));
    const byKey = (docs: { key: string }[]) => [...docs].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(byKey(updated.documents())).toEqual(byKey(fresh.documents()));
    const ranked = (index: SearchIndex, query: string) => {
      const result = index.search(queryTerms(query), { limit: 10 });
      return {
        ...result,
        hits: result.hits.map((h) => [h.key, h.tier, Math.round(h.score * 1e9)]),
        words: undefined,
      };
    };
    for (const { query } of [...judgements.queries, { query: 'paytech' }, { query: 'quokka' }])
      expect([query, ranked(updated, query)]).toEqual([query, ranked(fresh, query)]);
  });

  it('should build afresh when the change feed cannot say what changed', async () => {
    const builds = searchIndexStats.builds;
    await server.db.transaction((em) => bumpGraphVersion(em)); // a version with no feed row (a restore, say)
    expect((await found('paytech'))[0]).toBe('Sector:fintech');
    expect(searchIndexStats.builds).toBe(builds + 1);
    expect((await searchIndexOf(server.db)).updatedDocs).toBe(0);
  });
});
