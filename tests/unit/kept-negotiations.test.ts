import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  apolloNegotiatorModule,
  keepNegotiations,
  keptNegotiations,
} from '../../src/core/kept-negotiations';

// negotiator's own answer, from its library file (the prototype's method is the kept one)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const preferred = require('negotiator/lib/mediaType') as (
  accept: string | undefined,
  available: string[],
) => string[];
const own = (accept: string | undefined, offer: string[]) => preferred(accept, offer)[0];

type Negotiator = new (request: { headers: { accept?: unknown } }) => {
  mediaType(available?: unknown): string | undefined;
};

const OFFERS = [
  ['multipart/mixed; incrementalSpec=v0.2', 'multipart/mixed; deferSpec=20220824'],
  ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'],
  ['text/html', 'application/json'],
];
const ACCEPTS = [
  undefined,
  '',
  '*/*',
  'application/json',
  'application/graphql-response+json,application/json;q=0.9',
  'multipart/mixed;deferSpec=20220824, application/json;q=0.2',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'image/png',
  'APPLICATION/JSON',
  'application/json;q=0',
];

describe('Kept negotiations', () => {
  beforeAll(() => expect(keepNegotiations()).toBe(true));
  const Negotiator = apolloNegotiatorModule().exports as unknown as Negotiator;
  const ask = (accept: unknown, offer?: unknown) =>
    new Negotiator({ headers: { accept } }).mediaType(offer);

  it('should answer every header and offer as negotiator does, the same again when they come back', () => {
    for (let round = 0; round < 2; round++)
      for (const accept of ACCEPTS)
        for (const offer of OFFERS) expect(ask(accept, [...offer])).toBe(own(accept, offer));
  });

  it('should keep one answer per offer, not the first offer of a header', () => {
    expect(ask('text/html', ['application/json', 'text/html'])).toBe('text/html');
    expect(ask('text/html', ['application/json'])).toBeUndefined();
    expect(ask('text/html', ['application/json', 'text/html', 'image/png'])).toBe('text/html');
  });

  it('should leave to negotiator what it does not keep: no offer, odd offers, long headers', () => {
    expect(ask('text/html')).toBe('text/html');
    expect(ask('*/*', [])).toBeUndefined();
    const long = `${'application/x-a;q=0.1,'.repeat(40)}application/json`;
    expect(ask(long, ['application/json', 'text/html'])).toBe('application/json');
  });

  it('should keep at most 256 headers, whatever a stranger sends', () => {
    for (let i = 0; i < 2_000; i++) ask(`application/x-${i}`, OFFERS[0]);
    expect(keptNegotiations()).toBeLessThanOrEqual(256);
  });

  it('should leave Apollo choosing content types as before, 406 included', async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { a: Int }' });
    await apollo.start();
    try {
      const post = (accept: string | undefined) =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: 'POST',
            headers: new HeaderMap([
              ['content-type', 'application/json'],
              ...(accept === undefined ? [] : [['accept', accept] as [string, string]]),
            ]),
            search: '',
            body: { query: '{ __typename }' },
          },
          context: async () => ({}),
        });
      for (let round = 0; round < 2; round++) {
        expect((await post(undefined)).headers.get('content-type')).toBe(
          'application/json; charset=utf-8',
        );
        expect(
          (await post('application/graphql-response+json, application/json;q=0.5')).headers.get(
            'content-type',
          ),
        ).toBe('application/graphql-response+json; charset=utf-8');
        expect((await post('image/png')).status).toBe(406);
      }
    } finally {
      await apollo.stop();
    }
  });
});
