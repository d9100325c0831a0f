import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema } from 'graphql';
import {
  apolloGatewayContextModule,
  installGatewayRequestContext,
  makeGatewayRequestContext,
} from '../../src/core/gateway-request-context';

type Made = {
  request: { http?: { headers: Headers; url: string; method: string } } & Record<string, unknown>;
  response: { http: { status?: number; headers: Headers } };
} & Record<string, unknown>;

/** An Apollo request context as the pipeline holds it when it calls the gateway's executor. */
function apolloContext(http?: { method: string; search: string }) {
  return {
    request: {
      query: '{ a }',
      operationName: 'A',
      variables: { x: 1 },
      ...(http
        ? { http: { ...http, headers: new HeaderMap([['accept', 'application/json']]) } }
        : {}),
    },
    response: { http: { status: undefined as number | undefined, headers: new HeaderMap() } },
    schema: { schema: true },
    contextValue: { user: 1 },
    queryHash: 'hash',
    document: { kind: 'Document' },
    source: '{ a }',
    operationName: 'A',
    operation: { operation: 'query' },
    errors: undefined,
    metrics: { persistedQueryHit: false },
    overallCachePolicy: { policy: true },
    requestIsBatched: false,
  };
}

/** Everything but the objects over HeaderMaps, which are compared by what they do. */
function plain(made: Made) {
  const { request, response, ...rest } = made;
  const { http, ...requestRest } = request;
  return {
    ...rest,
    request: requestRest,
    http: http && { url: http.url, method: http.method },
    status: response.http.status,
  };
}

describe("The gateway's request context", () => {
  const server = { logger: { name: 'logger' }, cache: { name: 'cache' } };
  const apollos = apolloGatewayContextModule().exports.makeGatewayGraphQLRequestContext!;

  it.each([
    ['a POST', { method: 'POST', search: '' }],
    ['a GET with a query string', { method: 'GET', search: '?query=%7Ba%7D' }],
    ['a GET whose search lacks its question mark', { method: 'GET', search: 'query=x' }],
    ['a request without HTTP', undefined],
  ])('should be made as Apollo makes it for %s', (_name, http) => {
    const theirs = apollos(apolloContext(http), server, {
      includeStacktraceInErrorResponses: true,
    }) as Made;
    const ours = makeGatewayRequestContext(apolloContext(http), server, {
      includeStacktraceInErrorResponses: true,
    }) as Made;
    expect(plain(ours)).toEqual(plain(theirs));
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect(Object.keys(ours.request)).toEqual(Object.keys(theirs.request));
    expect(ours.request.http?.headers.get('accept')).toBe(
      theirs.request.http?.headers.get('accept'),
    );
  });

  it("should read and write the status and headers through to Apollo's response", () => {
    const context = apolloContext({ method: 'POST', search: '' });
    const made = makeGatewayRequestContext(context, server, {}) as Made;
    made.response.http.status = 418;
    made.response.http.headers.set('x-a', '1');
    made.response.http.headers.append('x-a', '2');
    expect(context.response.http.status).toBe(418);
    expect(context.response.http.headers.get('x-a')).toBe('1, 2');
    context.response.http.status = 201;
    expect(made.response.http.status).toBe(201);
    expect([...made.response.http.headers]).toEqual([['x-a', '1, 2']]);
  });

  it("should be what Apollo's pipeline hands a gateway's executor once installed", async () => {
    expect(installGatewayRequestContext()).toBe(true);
    expect(apolloGatewayContextModule().exports.makeGatewayGraphQLRequestContext).toBe(
      makeGatewayRequestContext,
    );
    const schema = buildSchema('type Query { a: Int }');
    let seen: unknown;
    const apollo = new ApolloServer({
      gateway: {
        async load() {
          return {
            executor: async (request) => {
              const http = request.response!.http!;
              seen = http;
              http.status = 202;
              http.headers.set('x-from-executor', 'yes');
              return { data: { a: 1 } };
            },
          };
        },
        onSchemaLoadOrUpdate(callback) {
          callback({ apiSchema: schema, coreSupergraphSdl: '' });
          return () => undefined;
        },
        async stop() {},
      },
    });
    await apollo.start();
    try {
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body: { query: '{ a }' },
        },
        context: async () => ({}),
      });
      expect(seen?.constructor.name).toBe('GatewayResponseHttp');
      expect(answer.status).toBe(202);
      expect(answer.headers.get('x-from-executor')).toBe('yes');
      expect(answer.body).toEqual({ kind: 'complete', string: '{"data":{"a":1}}\n' });
    } finally {
      await apollo.stop();
    }
  });
});
