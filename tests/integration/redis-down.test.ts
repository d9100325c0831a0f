import { TestServer } from '../support/server';

describe('Response cache with Redis unreachable', () => {
  let server: TestServer;

  beforeAll(async () => {
    // nothing listens on port 1: every connection is refused
    server = await TestServer.start({
      responseCache: { redis: { url: 'redis://127.0.0.1:1', prefix: 'cgtest:' } },
    });
  });
  afterAll(() => server.stop());

  it('should answer every query from the database, uncached', async () => {
    const query = /* GraphQL */ `
      {
        role(slug: "backend-developer") {
          slug
        }
      }
    `;
    expect(server.cache?.store).toBe('redis');
    for (let i = 0; i < 3; i++) {
      const result = await server.run(query);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ role: { slug: 'backend-developer' } });
      expect(result.cached).toBe(false);
    }
  });
});
