import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey, revokeApiKey } from '../../src/core/auth/keys';
import { json, startHttp } from '../support/server';

const MUTATION = JSON.stringify({
  query: 'mutation($input: SectorCreateInput!) { sectorCreate(input: $input) { sector { slug } } }',
  variables: {
    input: {
      slug: 'space',
      name: 'Space',
      description: 'd',
      cite: [{ source: 'backend-career-guide', section: 'Core technical skills' }],
    },
  },
});

describe('API keys over HTTP', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    server = await startHttp();
  });
  afterAll(() => server.stop());

  const post = (body: string, key?: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body,
    });
  const sectors = async () =>
    Number((await server.db.query("SELECT COUNT(*) AS n FROM sectors WHERE slug = 'space'"))[0].n);

  it('should refuse a forged key with 401 UNAUTHENTICATED, even for a read', async () => {
    for (const key of ['cg_abcdefgh_' + 'x'.repeat(32), 'not-even-a-key']) {
      const res = await post(JSON.stringify({ query: '{ sources { slug } }' }), key);
      expect(res.status).toBe(401);
      expect((await json(res)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('should accept a live editor key for a write, and refuse it once revoked, changing nothing', async () => {
    const { key, record } = await createApiKey(server.db, 'http editor', ApiRole.EDITOR);
    const res = await post(MUTATION, key);
    expect(res.status).toBe(200);
    expect((await json(res)).data.sectorCreate.sector.slug).toBe('space');
    expect(await revokeApiKey(server.db, record.prefix)).toBe(1);
    const again = await post(MUTATION.replace('"space"', '"space-two"'), key);
    expect(again.status).toBe(401);
    expect(
      Number(
        (await server.db.query("SELECT COUNT(*) AS n FROM sectors WHERE slug = 'space-two'"))[0].n,
      ),
    ).toBe(0);
  });

  it('should refuse a write without a key, and a reader key, with their codes', async () => {
    const anonymous = await json(await post(MUTATION));
    expect(anonymous.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const { key } = await createApiKey(server.db, 'http reader', ApiRole.READER);
    const reader = await json(await post(MUTATION, key));
    expect(reader.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await sectors()).toBe(1);
  });

  it('should refuse a mutation sent over GET', async () => {
    const { key } = await createApiKey(server.db, 'http getter', ApiRole.EDITOR);
    const query = encodeURIComponent(
      'mutation { relationLink(input: { relation: EMPLOYER_SECTOR, from: "google", to: "fintech" }) { changed } }',
    );
    const res = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(405);
    const linked = await server.db.query(
      "SELECT COUNT(*) AS n FROM employer_sectors es JOIN employers e ON e.id = es.employer_id JOIN sectors s ON s.id = es.sector_id WHERE e.slug = 'google' AND s.slug = 'fintech'",
    );
    expect(Number(linked[0].n)).toBe(0);
  });
});

describe('viewer with the response cache on', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    server = await startHttp(undefined, { responseCache: true });
  });
  afterAll(() => server.stop());

  const viewer = (key?: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query: '{ viewer { name role } sources { slug } }' }),
    });

  it('should answer each caller who it is, never from an answer cached for another', async () => {
    const anonymous = await viewer();
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    expect((await json(anonymous)).data.viewer).toBeNull();
    const { key } = await createApiKey(server.db, 'cached viewer', ApiRole.EDITOR);
    const keyed = await viewer(key);
    expect(keyed.headers.get('age')).toBeNull();
    expect((await json(keyed)).data.viewer).toEqual({ name: 'cached viewer', role: 'editor' });
    expect((await json(await viewer())).data.viewer).toBeNull();
  });
});
