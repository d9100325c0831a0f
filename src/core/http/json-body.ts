import zlib from 'node:zlib';
import bodyParser from 'body-parser';
import { echo, ErrorCode } from '../errors';
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
  const onError = (err: Error) => done(badRequest(err.message, 'request.aborted'));
  const onEnd = () => {
    if (received !== length)
      return done(badRequest('request size did not match content length', 'request.size.invalid'));
    let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM, as body-parser's decoder drops it
    try {
      req.body = parseStrict(text);
    } catch (err) {
      return done(badRequest((err as Error).message, 'entity.parse.failed', text));
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

/** An error as body-parser makes it: its `type` says what failed, `body` holds text that did not parse. */
function badRequest(message: string, type: string, body?: string): Error {
  return Object.assign(new Error(message), {
    status: 400,
    statusCode: 400,
    expose: true,
    type,
    ...(body === undefined ? {} : { body }),
  });
}

/** The content encodings body-parser undoes (zstd where this Node has it). */
const ENCODINGS = `gzip, deflate${'createZstdDecompress' in zlib ? ', br or zstd' : ' or br'}`;

/**
 * What a client is told of a request body refused with a 4xx other than 413, by body-parser's
 * error `type` (this reader's errors carry the same): which charset or content encoding is not
 * supported (415), or what is wrong with the body (400).
 */
export function bodyRefusal(err: unknown): { code: ErrorCode; message: string } {
  const e = (err ?? {}) as {
    status?: number;
    type?: string;
    charset?: string;
    encoding?: string;
    body?: unknown;
    code?: unknown;
    message?: string;
  };
  switch (e.type) {
    case 'charset.unsupported':
      return {
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: `The charset "${echo(String(e.charset ?? ''))}" is not supported: send JSON in UTF-8 (charset=utf-8, or no charset)`,
      };
    case 'encoding.unsupported':
      return {
        code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: `The content encoding "${echo(String(e.encoding ?? ''))}" is not supported: send the body as it is, or compressed once with ${ENCODINGS}`,
      };
    case 'entity.parse.failed':
      return { code: ErrorCode.BAD_REQUEST, message: parseFailure(e.body, e.message) };
    case 'request.aborted':
      return {
        code: ErrorCode.BAD_REQUEST,
        message: 'The request was aborted before its body was read',
      };
    case 'request.size.invalid':
      return {
        code: ErrorCode.BAD_REQUEST,
        message: 'The request body is not as long as its content-length header says',
      };
  }
  if (e.status === 415)
    return {
      code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      message:
        'The request body is not of a supported media type: send content-type: application/json',
    };
  // zlib's own error, passed on by body-parser without a type
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return {
      code: ErrorCode.BAD_REQUEST,
      message: 'The request body could not be decompressed: it is not in its content-encoding',
    };
  return { code: ErrorCode.BAD_REQUEST, message: 'The request could not be read' };
}

/**
 * A body that did not parse: JSON other than an object or an array (refused by the strict mode,
 * as body-parser's), told apart from text that is not JSON at all. Only a body whose first
 * character is neither `{` nor `[` is parsed again, to tell which.
 */
function parseFailure(body: unknown, reason: string | undefined): string {
  if (typeof body === 'string') {
    const first = /[^ \t\n\r]/.exec(body)?.[0];
    if (first !== '{' && first !== '[') {
      try {
        const value: unknown = JSON.parse(body);
        const kind = value === null ? 'null' : `a ${typeof value}`;
        return `The request body is JSON but ${kind}, not an object: send {"query": "..."} (a batch: an array of them)`;
      } catch (err) {
        reason = (err as Error).message;
      }
    }
  }
  return `The request body is not valid JSON${reason ? ` (${echo(reason)})` : ''}`;
}
