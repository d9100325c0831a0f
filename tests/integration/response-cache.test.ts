import { rmSync } from 'node:fs';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { SEEDS_DIR, TestServer } from '../support/server';

const LEVEL = /* GraphQL */ `
  query Level($slug: String!) {
    roleLevel(slug: $slug) {
      slug
      yearsInLevel {
        min
        max
      }
    }
  }
`;

describe('Response cache (in this process)', () => {
  let server: TestServer;
  let edited: string;

  beforeAll(async () => {
    server = await TestServer.start({ responseCache: { pollMs: 60_000 } });
    edited = copyOfSeeds();
    editSeed(
      edited,
      'roles/backend-developer.yaml',
      /yearsInLevel:\s*\{\s*min:\s*2,\s*max:\s*4\b/,
      'yearsInLevel: { min: 2, max: 6',
    );
  });
  afterAll(async () => {
    await server.stop();
    rmSync(edited, { recursive: true, force: true });
  });

  const level = (slug = 'mid-level-backend-developer') => server.run(LEVEL, { slug });

  it('should answer a repeated query from the cache, without SQL', async () => {
    const first = await level();
    const second = await level();
    expect(first.cached).toBe(false);
    expect(second).toEqual({ data: first.data, errors: undefined, statements: 0, cached: true });
    expect(second.data.roleLevel.yearsInLevel).toEqual({ min: 2, max: 4 });
  });

  it('should keep its entries when a seed load changes nothing', async () => {
    const version = server.cache!.version;
    expect(await loadSeedDirectory(server.db, SEEDS_DIR)).toMatchObject({
      inserted: 0,
      updated: 0,
      deleted: 0,
    });
    expect(await server.cache!.refresh()).toBe(version);
    expect((await level()).cached).toBe(true);
  });

  it('should answer from the new graph once a seed load changed it', async () => {
    const version = server.cache!.version;
    expect(await loadSeedDirectory(server.db, edited)).toMatchObject({
      inserted: 0,
      updated: 1,
      deleted: 0,
    });
    expect(await server.cache!.refresh()).toBe(version + 1);
    const after = await level();
    expect(after.cached).toBe(false);
    expect(after.data.roleLevel.yearsInLevel).toEqual({ min: 2, max: 6 });
  });

  it('should not cache an answer with errors', async () => {
    const unknown = /* GraphQL */ `
      {
        careerPath(from: "no-such-level", to: "cto") {
          steps {
            kind
          }
        }
      }
    `;
    const first = await server.run(unknown);
    const second = await server.run(unknown);
    expect(first.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(second.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(second.cached).toBe(false); // looked up again, not replayed
  });

  it('should key entries by the variables', async () => {
    const junior = await level('junior-backend-developer');
    expect(junior.data.roleLevel.slug).toBe('junior-backend-developer');
    expect(junior.cached).toBe(false);
  });
});
