import * as storedAnswer from '../../src/core/cache/stored-answer';
import { DEFAULT_SECURITY } from '../../src/core/limits';
import { json, startHttp } from '../support/server';

type Http = Awaited<ReturnType<typeof startHttp>>;

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
const ROLES = /* GraphQL */ `
  query Roles($first: Int!, $withLevels: Boolean!) {
    roles(first: $first) {
      nodes {
        slug
        name
        levels @include(if: $withLevels) {
          slug
          name
        }
      }
    }
  }
`;
const TWO_OPERATIONS = /* GraphQL */ `
  query One {
    role(slug: "backend-developer") {
      name
    }
  }
  query Two {
    role(slug: "backend-developer") {
      slug
    }
  }
`;
const FAILING = `{ careerPath(from: "no-such-level", to: "cto") { steps { kind } } }`;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What two servers' answers must share: the headers but the request's own (id, date) and the age. */
async function answerOf(res: Response): Promise<Answer> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!['date', 'x-request-id', 'age', 'keep-alive', 'connection'].includes(name))
      headers[name] = value;
  });
  return { status: res.status, headers, body: await res.text() };
}

type Send = (url: string) => Promise<Response>;
const post =
  (body: unknown, headers: Record<string, string> = {}): Send =>
  (url) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
const get =
  (params: Record<string, string>, headers: Record<string, string> = {}): Send =>
  (url) =>
    fetch(`${url}/graphql?${new URLSearchParams(params)}`, { headers });

/**
 * The response cache's replay before Apollo (src/core/cache/replay.ts) against the same server
 * with it off, where Apollo answers every hit: the same status, headers and bytes, and Apollo
 * not called for a hit the replay can answer.
 */
describe('Response cache: answers replayed before Apollo', () => {
  let replaying: Http;
  let apolloOnly: Http;
  let apolloCalls: jest.SpyInstance;

  beforeAll(async () => {
    replaying = await startHttp(undefined, { responseCache: true });
    apolloOnly = await startHttp(undefined, {
      responseCache: true,
      config: { layersOff: ['response-replay'] },
    });
    apolloCalls = jest.spyOn(replaying.apollo, 'executeHTTPGraphQLRequest');
  });
  afterAll(() => Promise.all([replaying.stop(), apolloOnly.stop()]));

  /**
   * Sends the request twice to each server; returns the second answers, whether Apollo ran for
   * the replaying server's, and the ETag Apollo gave the first (each server's database has an
   * identity of its own, which the tags hold: they are compared within a server).
   */
  async function twice(send: Send) {
    const first = await send(replaying.url);
    await first.arrayBuffer();
    await send(apolloOnly.url).then((r) => r.arrayBuffer());
    apolloCalls.mockClear();
    const replayed = await answerOf(await send(replaying.url));
    const throughApollo = apolloCalls.mock.calls.length > 0;
    const expected = await answerOf(await send(apolloOnly.url));
    expect(replayed.headers.etag).toBe(first.headers.get('etag') ?? undefined);
    delete replayed.headers.etag;
    delete expected.headers.etag;
    return { replayed, expected, throughApollo };
  }

  it.each<[string, Send]>([
    [
      'a POST with variables',
      post({ query: LEVEL, variables: { slug: 'mid-level-backend-developer' } }),
    ],
    ['a POST with operationName', post({ query: TWO_OPERATIONS, operationName: 'Two' })],
    [
      'a POST whose @include a variable decides',
      post({ query: ROLES, variables: { first: 2, withLevels: true } }),
    ],
    [
      'a large answer, compressed as asked',
      post(
        { query: ROLES, variables: { first: 20, withLevels: true } },
        { 'accept-encoding': 'gzip' },
      ),
    ],
    [
      'a large answer, with brotli',
      post(
        { query: ROLES, variables: { first: 20, withLevels: true } },
        { 'accept-encoding': 'br' },
      ),
    ],
    [
      'a POST accepting any type',
      post({ query: LEVEL, variables: { slug: 'senior-backend-developer' } }, { accept: '*/*' }),
    ],
    [
      'a GET',
      get({ query: LEVEL, variables: JSON.stringify({ slug: 'mid-level-backend-developer' }) }),
    ],
  ])('should answer %s from the cache exactly as Apollo does, without Apollo', async (_, send) => {
    const { replayed, expected, throughApollo } = await twice(send);
    expect(replayed).toEqual(expected);
    expect(replayed.status).toBe(200);
    expect(replayed.headers['cache-control']).toBe('max-age=60, public');
    expect(JSON.parse(replayed.body).extensions).toMatchObject({ sqlStatements: 0 });
    expect(throughApollo).toBe(false);
  });

  it('should answer a GET naming its ETag with 304, as Apollo does', async () => {
    const params = { query: LEVEL, variables: JSON.stringify({ slug: 'cto' }) };
    const tagOf = async (url: string) => (await get(params)(url)).headers.get('etag')!;
    const [replayingTag, apolloTag] = [await tagOf(replaying.url), await tagOf(apolloOnly.url)];
    expect(replayingTag).toMatch(/^W\//);
    apolloCalls.mockClear();
    const replayed = await answerOf(
      await get(params, { 'if-none-match': replayingTag })(replaying.url),
    );
    expect(apolloCalls).not.toHaveBeenCalled();
    const expected = await answerOf(
      await get(params, { 'if-none-match': apolloTag })(apolloOnly.url),
    );
    expect(replayed.headers.etag).toBe(replayingTag);
    delete replayed.headers.etag;
    delete expected.headers.etag;
    expect(replayed).toEqual(expected);
    expect(replayed.status).toBe(304);
  });

  it.each<[string, Send]>([
    ['a query that reads no field', post({ query: '{ __typename }' })],
    ['an answer with errors', post({ query: FAILING })],
    [
      'a request asking for application/graphql-response+json',
      post(
        { query: LEVEL, variables: { slug: 'cto' } },
        { accept: 'application/graphql-response+json' },
      ),
    ],
    [
      'a request with credentials',
      post({ query: LEVEL, variables: { slug: 'cto' } }, { authorization: 'Bearer cg_nope' }),
    ],
    [
      'a persisted-query request',
      post({ query: LEVEL, variables: { slug: 'cto' }, extensions: {} }),
    ],
  ])('should leave %s to Apollo, answered as before', async (_, send) => {
    const { replayed, expected, throughApollo } = await twice(send);
    expect(replayed).toEqual(expected);
    expect(throughApollo).toBe(true);
  });

  it('should not answer from an entry of an older graph version', async () => {
    const send = post({ query: LEVEL, variables: { slug: 'junior-backend-developer' } });
    await twice(send);
    await replaying.db.query('UPDATE graph_state SET version = version + 1 WHERE id = 1');
    await replaying.cache!.refresh();
    apolloCalls.mockClear();
    const after = await send(replaying.url);
    expect(after.headers.get('age')).toBeNull();
    expect(apolloCalls).toHaveBeenCalledTimes(1);
    expect((await json(after)).extensions.graphVersion).toBe(replaying.cache!.version);
  });

  it('should not look up an answer for a text whose answer is never stored', async () => {
    const keys = jest.spyOn(storedAnswer, 'answerKey');
    const lookedUp = async (send: Send) => {
      keys.mockClear();
      const res = await send(replaying.url);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      return keys.mock.calls.length > 0;
    };
    const text = '{ __typename never: __typename }';
    const typename = post({ query: text });
    expect(await lookedUp(typename)).toBe(true); // not known yet: looked up, then Apollo learns it
    expect(await lookedUp(typename)).toBe(false);
    expect(await lookedUp(get({ query: text }))).toBe(false);
    // with variables, or reading a field, it is looked up as before
    expect(await lookedUp(post({ query: text, variables: { a: 1 } }))).toBe(true);
    const level = post({ query: LEVEL, variables: { slug: 'mid-level-backend-developer' } });
    await lookedUp(level);
    expect(await lookedUp(level)).toBe(true);
    keys.mockRestore();
  });
});

describe('Response cache: a replayed answer spends its cost from the rate limit', () => {
  // 50 points an hour: nothing measurable refills while the test runs
  const security = { ...DEFAULT_SECURITY, rateLimit: { points: 50, windowSeconds: 3600 } };
  let replaying: Http;
  let apolloOnly: Http;

  beforeAll(async () => {
    replaying = await startHttp(undefined, { responseCache: true, config: { security } });
    apolloOnly = await startHttp(undefined, {
      responseCache: true,
      config: { security, layersOff: ['response-replay'] },
    });
  });
  afterAll(() => Promise.all([replaying.stop(), apolloOnly.stop()]));

  it('should count down and refuse with 429 exactly as Apollo does', async () => {
    const send = post({ query: `{ roles(first: 10) { nodes { name } } }` }); // costs 11
    const apolloCalls = jest.spyOn(replaying.apollo, 'executeHTTPGraphQLRequest');
    // seconds until a bucket is full again, or until the refused query fits: each server's
    // bucket started at its own moment, so they may differ by a second
    const withoutReset = (answer: Answer): { reset: number; retry: number; answer: Answer } => ({
      reset: Number(answer.headers['ratelimit-reset']),
      retry: Number(answer.headers['retry-after'] ?? 0),
      answer: {
        ...answer,
        headers: {
          ...answer.headers,
          'ratelimit-reset': 'R',
          ...(answer.headers['retry-after'] ? { 'retry-after': 'S' } : {}),
        },
        body: answer.body
          .replace(/"resetSeconds":\d+/, '"resetSeconds":R')
          .replace(/retry in \d+ s/, 'retry in S s')
          .replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":S'),
      },
    });
    const both = async () => {
      const replayed = withoutReset(await answerOf(await send(replaying.url)));
      const expected = withoutReset(await answerOf(await send(apolloOnly.url)));
      expect(replayed.answer).toEqual(expected.answer);
      expect(Math.abs(replayed.reset - expected.reset)).toBeLessThanOrEqual(1);
      expect(Math.abs(replayed.retry - expected.retry)).toBeLessThanOrEqual(1);
      return replayed.answer;
    };
    for (let i = 0; i < 4; i += 1) expect((await both()).status).toBe(200);
    expect(apolloCalls).toHaveBeenCalledTimes(1); // the first: a miss; the next three replayed
    const refused = await both();
    expect(apolloCalls).toHaveBeenCalledTimes(2); // refused: Apollo answers the refusal
    expect(refused.status).toBe(429);
    expect(refused.headers['ratelimit-remaining']).toBe('6');
  });
});
