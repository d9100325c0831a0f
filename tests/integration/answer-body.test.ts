import { createContext } from '../../src/core/context';
import { DEFAULT_SECURITY } from '../../src/core/limits';
import { LARGE_ANSWER } from '../../src/core/http/answer-body';
import { startHttp } from '../support/server';

// Every role of the real graph with its levels' skills and their certifications: an answer
// longer than LARGE_ANSWER, with en dashes (the route writes it from bytes made in pieces).
const LARGE = /* GraphQL */ `
  query Large($first: Int!) {
    roles(first: $first) {
      nodes {
        slug
        name
        summary
        levels {
          slug
          name
          skills {
            importance
            skill {
              slug
              name
              description
              certifications(first: 10) {
                slug
                name
                issuer {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
`;
const SMALL = '{ role(slug: "backend-developer") { name } }';

describe('Large answers over HTTP', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  let strings: jest.SpyInstance;

  beforeAll(async () => {
    server = await startHttp(undefined, {
      config: {
        security: {
          ...DEFAULT_SECURITY,
          rateLimit: { points: 0, windowSeconds: 60 },
          transport: { ...DEFAULT_SECURITY.transport, batchMaxOperations: 3 },
        },
      },
    });
    strings = jest.spyOn(server.apollo, 'executeHTTPGraphQLRequest');
  });
  afterAll(() => server.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** The string Apollo handed the route for the last request. */
  const apolloString = async () => {
    const answer = await strings.mock.results.at(-1)!.value;
    return (answer as { body: { string: string } }).body.string;
  };

  it('should send the bytes Apollo would, from bytes made in pieces', async () => {
    // fetch asks for gzip unless told otherwise
    const res = await post(
      { query: LARGE, variables: { first: 100 } },
      { 'accept-encoding': 'identity' },
    );
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(text.length).toBeGreaterThan(LARGE_ANSWER);
    expect([...text].some((c) => c.charCodeAt(0) > 0xff)).toBe(true); // past Latin-1: the en dash
    const answer = JSON.parse(text);
    expect(answer.errors).toBeUndefined();
    expect(text).toBe(`${JSON.stringify(answer)}\n`);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(await apolloString()).toBe(''); // the route wrote the bytes, not Apollo's string

    const inProcess = await server.apollo.executeOperation(
      { query: LARGE, variables: { first: 100 } },
      { contextValue: createContext(server.db, 'in-process') },
    );
    const single = inProcess.body as { kind: 'single'; singleResult: { data: unknown } };
    expect(answer.data).toEqual(single.singleResult.data);
  });

  it('should compress a large answer as asked', async () => {
    const plain = await (
      await post({ query: LARGE, variables: { first: 100 } }, { 'accept-encoding': 'identity' })
    ).text();
    const res = await post(
      { query: LARGE, variables: { first: 100 } },
      { 'accept-encoding': 'gzip' },
    );
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe(plain); // fetch inflates it
  });

  it("should leave small answers and batches to Apollo's string", async () => {
    const small = await post({ query: SMALL });
    expect(await small.text()).toBe(await apolloString());

    const res = await post([{ query: LARGE, variables: { first: 100 } }, { query: SMALL }]);
    const text = await res.text();
    const answers = JSON.parse(text);
    expect(answers).toHaveLength(2);
    expect(answers[0].data.roles.nodes.length).toBeGreaterThan(10);
    expect(answers[1].data.role.name).toBeTruthy();
    expect(text).toBe(await apolloString());
  });
});

describe('Large answers replayed from the response cache, with rate-limit figures', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  beforeAll(async () => {
    server = await startHttp(undefined, {
      responseCache: true,
      config: {
        security: { ...DEFAULT_SECURITY, rateLimit: { points: 1_000_000, windowSeconds: 3600 } },
      },
    });
  });
  afterAll(() => server.stop());

  it("should replay the bytes Apollo sent, but for the bucket's figures", async () => {
    const send = async () => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' },
        body: JSON.stringify({ query: LARGE, variables: { first: 100 } }),
      });
      return { text: await res.text(), remaining: res.headers.get('ratelimit-remaining') };
    };
    const apolloCalls = jest.spyOn(server.apollo, 'executeHTTPGraphQLRequest');
    const first = await send();
    const replays = [await send(), await send()];
    expect(apolloCalls).toHaveBeenCalledTimes(1); // the two after it replayed
    // the data's bytes as Apollo sent them; the extensions a hit has (no statements, the bucket now)
    const dataOf = (text: string) => text.slice(0, text.indexOf(',"extensions":'));
    expect(first.text.length).toBeGreaterThan(LARGE_ANSWER);
    for (const replay of replays) {
      expect(dataOf(replay.text)).toBe(dataOf(first.text));
      const { extensions } = JSON.parse(replay.text);
      expect(extensions.sqlStatements).toBe(0);
      expect(String(extensions.cost.rateLimit.remaining)).toBe(replay.remaining);
      expect(replay.text.endsWith('}\n')).toBe(true);
    }
    expect(replays[0].remaining).not.toBe(replays[1].remaining);
  });
});
