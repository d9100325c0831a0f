import bodyParser from 'body-parser';
import { NodeHandler, NodeRequest, Next } from './node-http';

const PLAIN_JSON = /^application\/json(?:;\s*charset=utf-8)?$/i;

/**
 * The JSON body as `body-parser`'s `json({ limit })` reads it (strict: an object or an array;
 * an empty body is `{}`; 400 for what does not parse, 413 past the limit). What nearly every
 * request sends, UTF-8 JSON with a Content-Length within the limit and no Content-Encoding, is
 * read here in a few calls; anything else (chunked, compressed, another charset, too large)
 * goes to body-parser, which answers it as before.
 */
export function jsonBody(limitBytes: number): NodeHandler {
  const general = bodyParser.json({ limit: limitBytes }) as unknown as NodeHandler;
  return (req, res, next) => {
    const length = plainJsonLength(req, limitBytes);
    if (length === undefined) return general(req, res, next);
    readJson(req, length, next);
  };
}

function plainJsonLength(req: NodeRequest, limitBytes: number): number | undefined {
  const headers = req.headers;
  if (headers['transfer-encoding'] !== undefined || req.readableEnded) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return undefined;
  const length = Number(headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= limitBytes ? length : undefined;
}

function readJson(req: NodeRequest, length: number, next: Next): void {
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    chunks.push(chunk);
  };
  const done = (err?: unknown) => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    next(err);
  };
  const onError = (err: Error) => done(badRequest(err.message));
  const onEnd = () => {
    if (received !== length) return done(badRequest('request size did not match content length'));
    let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM, as body-parser's decoder drops it
    try {
      req.body = parseStrict(text);
    } catch (err) {
      return done(badRequest((err as Error).message));
    }
    done();
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
}

/** JSON.parse of an object or an array only, as body-parser's strict mode. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = /[^ \t\n\r]/.exec(text)?.[0];
    if (first !== '{' && first !== '[')
      throw new SyntaxError(
        `Unexpected token '${first ?? ''}': only an object or an array is JSON here`,
      );
  }
  return JSON.parse(text);
}

function badRequest(message: string): Error {
  return Object.assign(new Error(message), {
    status: 400,
    statusCode: 400,
    expose: true,
    type: 'entity.parse.failed',
  });
}
