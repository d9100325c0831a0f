import http from 'node:http';
import { AddressInfo } from 'node:net';
import bodyParser from 'body-parser';
import { bodyRefusal, jsonBody } from '../../src/core/http/json-body';
import { NodeHandler, NodeRequest } from '../../src/core/http/node-http';

// The JSON body reader's own path against body-parser's, on the same bytes: the same body, or
// the same refusal (status, code and message).
const LIMIT = 64;
const ours = jsonBody(LIMIT);
const theirs = bodyParser.json({ limit: LIMIT }) as unknown as NodeHandler;

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req: NodeRequest, res) => {
    const handler = req.url === '/ours' ? ours : theirs;
    handler(req, res, (err?: unknown) => {
      res.setHeader('content-type', 'application/json');
      if (err) {
        res.statusCode = (err as { status?: number }).status ?? 500;
        res.end(JSON.stringify({ refused: bodyRefusal(err) }));
      } else res.end(JSON.stringify({ body: req.body ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const BODIES: string[] = [
  '{"query":"{ __typename }"}',
  '[{"query":"{ a }"},{"query":"{ b }"}]',
  '  \n{"a":1}',
  '\uFEFF{"a":"bom"}',
  '{"word":"caf\u00e9 \u00fcber \u{1F600}"}',
  '"a string"',
  '42',
  'null',
  '   ',
  '{"a":',
  '{bad json}',
  '\u00a0{"a":1}',
  'x'.repeat(LIMIT + 1),
];

const TYPES = ['application/json', 'application/json; charset=utf-8', 'application/JSON'];

describe('jsonBody', () => {
  it('should read every body as body-parser does', async () => {
    const answer = async (path: string, body: string, type: string) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      return `${res.status} ${await res.text()}`;
    };
    const cases = TYPES.flatMap((type) => BODIES.map((body) => ({ type, body })));
    const got = await Promise.all(cases.map(({ body, type }) => answer('/ours', body, type)));
    const expected = await Promise.all(
      cases.map(({ body, type }) => answer('/theirs', body, type)),
    );
    expect(got).toEqual(expected);
    // parsed bodies, refusals as invalid (400) and as too large (413) are all among them
    expect(new Set(got.map((a) => a.slice(0, 3)))).toEqual(new Set(['200', '400', '413']));
  });

  it('should read a body sent in several chunks', async () => {
    const body = JSON.stringify({ query: 'q'.repeat(40) });
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        `${url}/ours`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setImmediate(() => req.end(body.slice(10)));
    });
    expect(answer).toBe(`200 ${JSON.stringify({ body: JSON.parse(body) })}`);
  });
});
