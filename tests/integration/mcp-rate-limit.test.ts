import { DEFAULT_SECURITY } from '../../src/core/limits';
import { MCP_REQUEST_COST } from '../../src/core/limits/rate-limit/mcp-rate-limit';
import { json, startHttp } from '../support/server';

describe('Rate limiting of MCP tool calls', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  // room for two MCP requests and a little more, with nothing refilling during the test
  const security = {
    ...DEFAULT_SECURITY,
    rateLimit: { points: 2 * MCP_REQUEST_COST + 20, windowSeconds: 3600 },
  };

  beforeAll(async () => {
    server = await startHttp(undefined, { config: { security } });
  });
  afterAll(() => server.stop());

  const listTools = () =>
    fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });

  it('should spend from the same budget as GraphQL and answer 429 once it is gone', async () => {
    expect((await listTools()).status).toBe(200);
    expect((await listTools()).status).toBe(200);
    const refused = await listTools();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(refused)).error.data.code).toBe('RATE_LIMITED');
    // the 20 points left still pay for a cheap query
    const query = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ role(slug: "backend-developer") { name } }' }),
    });
    expect(query.status).toBe(200);
    expect(query.headers.get('ratelimit-remaining')).toBe('19');
  });
});
