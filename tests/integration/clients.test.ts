import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { startHttp } from '../support/server';

type Server = Awaited<ReturnType<typeof startHttp>>;

const EXAMPLES_DIR = join(__dirname, '..', '..', 'docs', 'examples');
/** The README's example queries (docs/examples, also the playground's tabs). */
const EXAMPLES = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => ({ name: f, query: readFileSync(join(EXAMPLES_DIR, f), 'utf8') }));

/** A fetch that remembers the method of every request a client library sends. */
function recordingFetch() {
  const methods: string[] = [];
  const recorded: typeof fetch = (input, init) => {
    methods.push(init?.method ?? (input instanceof Request ? input.method : 'GET'));
    return fetch(input, init);
  };
  return { methods, fetch: recorded };
}

describe('Standard clients with their default settings', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startHttp();
  });
  afterAll(() => server.stop());

  it('should answer urql with default options, which sends queries as GET', async () => {
    const { methods, fetch } = recordingFetch();
    const client = new Client({
      url: `${server.url}/graphql`,
      exchanges: [cacheExchange, fetchExchange],
      fetch,
    });
    for (const { name, query } of EXAMPLES) {
      const result = await client.query(query, {}).toPromise();
      expect({ name, error: result.error?.message }).toEqual({ name, error: undefined });
      expect(Object.values(result.data ?? {})[0]).toBeTruthy();
    }
    expect(methods).toEqual(EXAMPLES.map(() => 'GET'));
  });

  it('should answer Apollo Client with useGETForQueries', async () => {
    const { methods, fetch } = recordingFetch();
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${server.url}/graphql`, useGETForQueries: true, fetch }),
      cache: new InMemoryCache(),
    });
    const { data } = await client.query<{ role: { name: string } }>({
      query: gql`
        query Role {
          role(slug: "backend-developer") {
            id
            name
          }
        }
      `,
    });
    expect(data?.role.name).toMatch(/back-end developer/i);
    expect(methods).toEqual(['GET']);
  });

  it('should answer a bare GET (curl, a CDN) with 200 and cache headers', async () => {
    const res = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ sources { title } }')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60, public');
    expect(((await res.json()) as any).data.sources.length).toBeGreaterThan(0);
  });

  it('should still refuse a mutation over GET with 405, key or no key', async () => {
    const query = 'mutation { sectorDelete(input: { slug: "fintech", version: 1 }) { key } }';
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
