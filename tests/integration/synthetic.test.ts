import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedSet } from '../../src/seeding/format';
import { readSeeds } from '../../src/seeding/read';
import { synthesize, writeSyntheticSeeds } from '../../src/seeding/synthetic';
import { SEEDS_DIR, TestServer } from '../support/server';

describe('Synthetic graph, loaded', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-synthetic-load-'));
    writeSyntheticSeeds(SEEDS_DIR, dir, { scale: 2, seed: 3 });
    server = await TestServer.start({ seedsDir: dir });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should load through the real seed loader, twice the real roles', async () => {
    const real = readSeeds(SEEDS_DIR).set.roles.length;
    const data = await server.data(/* GraphQL */ `
      {
        roles(first: 1) {
          totalCount
        }
      }
    `);
    expect(data.roles.totalCount).toBe(2 * real);
  });

  it('should let a career path cross from the real graph into the generated one', async () => {
    const real = readSeeds(SEEDS_DIR).set;
    const realLevels = new Set(real.roles.flatMap((r) => r.levels.map((l) => l.slug)));
    const [copy] = synthesize(real, { scale: 2, seed: 3 });
    const bridge = (copy.doc as unknown as SeedSet).roles
      .flatMap((r) => r.transitions)
      .find((t) => realLevels.has(t.from));
    expect(bridge).toBeDefined();
    const data = await server.data(
      /* GraphQL */ `
        query ($from: String!, $to: String!) {
          careerPath(from: $from, to: $to) {
            steps {
              from {
                slug
              }
              to {
                slug
              }
            }
          }
        }
      `,
      { from: bridge!.from, to: bridge!.to },
    );
    expect(data.careerPath.steps.length).toBeGreaterThan(0);
    expect(data.careerPath.steps[0].from.slug).toBe(bridge!.from);
    expect(data.careerPath.steps[data.careerPath.steps.length - 1].to.slug).toBe(bridge!.to);
  });
});
