import { ApolloServer } from '@apollo/server';
import { buildSchema, Mutation, Query, Resolver } from 'type-graphql';
import { HeaderMap } from '@apollo/server';
import { CacheHint, cacheControlPlugins } from '../../src/core/http-cache';
import { startHttp } from '../support/server';

const ROLE_QUERY = '{ role(slug: "backend-developer") { name levels { name } } }';

describe('HTTP caching of GET queries', () => {
  let http: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    http = await startHttp();
  });
  afterAll(() => http.stop());

  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${http.url}/graphql?query=${encodeURIComponent(query)}`, { headers });

  it('should answer a GET query with public Cache-Control, an ETag and Vary: Accept', async () => {
    const res = await get(ROLE_QUERY);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60, public');
    expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]{32}"$/);
    expect(res.headers.get('vary')?.toLowerCase()).toContain('accept');
    expect(((await res.json()) as any).data.role.name).toMatch(/back-end developer/i);
  });

  it('should give the same data the same ETag, however the query is spelled', async () => {
    const [a, b] = await Promise.all([get(ROLE_QUERY), get(ROLE_QUERY)]);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    const respelled = await get(ROLE_QUERY.replace('levels { name }', 'levels { name } '));
    expect(respelled.headers.get('etag')).toBe(a.headers.get('etag'));
  });

  it('should answer 304 with no body when If-None-Match names the current ETag', async () => {
    const first = await get(ROLE_QUERY);
    const etag = first.headers.get('etag') as string;
    const again = await get(ROLE_QUERY, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('max-age=60, public');
    expect(await again.text()).toBe('');
  });

  it('should answer 200 with the new body when the ETag names other data', async () => {
    const other = await get('{ role(slug: "devops-engineer") { name levels { name } } }');
    const res = await get(ROLE_QUERY, { 'if-none-match': other.headers.get('etag') as string });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(other.headers.get('etag'));
    expect(((await res.json()) as any).data.role.name).toMatch(/back-end developer/i);
  });

  it('should not let errors be cached', async () => {
    const res = await get('{ roles(first: 500) { totalCount } }');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('should serve a bare GET, as a CDN revalidating sends it, with no special header', async () => {
    const res = await fetch(`${http.url}/graphql?query=${encodeURIComponent(ROLE_QUERY)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=60, public');
    expect(((await res.json()) as any).data.role.name).toMatch(/back-end developer/i);
  });

  it('should compress large responses with brotli or gzip, as the client asks', async () => {
    const introspection = '{ __schema { types { name description fields { name description } } } }';
    const br = await get(introspection, { 'accept-encoding': 'br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(((await br.json()) as any).data.__schema.types.length).toBeGreaterThan(20);
    const gzip = await get(introspection, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await get(introspection, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});

@Resolver()
class HintedResolver {
  @Query(() => String)
  @CacheHint({ maxAge: 5 })
  briefly(): string {
    return 'changes often';
  }

  @Query(() => String)
  @CacheHint({ scope: 'PRIVATE' })
  mine(): string {
    return 'per user';
  }

  @Query(() => String)
  plain(): string {
    return 'default';
  }

  @Mutation(() => String)
  touch(): string {
    return 'changed';
  }
}

describe('CacheHint (type-graphql)', () => {
  let apollo: ApolloServer;

  beforeAll(async () => {
    apollo = new ApolloServer({
      schema: await buildSchema({ resolvers: [HintedResolver], authChecker: () => true }),
      plugins: cacheControlPlugins(60),
    });
    await apollo.start();
  });
  afterAll(() => apollo.stop());

  const cacheControl = async (query: string) =>
    (await apollo.executeOperation({ query })).http.headers.get('cache-control');

  it('should take the default for unhinted fields and the most restrictive hint overall', async () => {
    expect(await cacheControl('{ plain }')).toBe('max-age=60, public');
    expect(await cacheControl('{ briefly }')).toBe('max-age=5, public');
    expect(await cacheControl('{ plain briefly }')).toBe('max-age=5, public');
    expect(await cacheControl('{ plain mine }')).toBe('max-age=60, private');
  });

  it('should never let a mutation be cached', async () => {
    expect(await cacheControl('mutation { touch }')).toBe('no-store');
  });

  it('should keep answers to requests with credentials out of shared caches', async () => {
    const response = await apollo.executeOperation({
      query: '{ plain }',
      http: {
        method: 'POST',
        headers: new HeaderMap([['authorization', 'Bearer k']]),
        search: '',
        body: {},
      },
    });
    expect(response.http.headers.get('cache-control')).toBe('max-age=60, private');
  });
});
