import { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { EndResponse, endNow } from './end-together';

/**
 * The GraphQL route runs on node:http's own request and response (src/core/http/graphql-route.ts),
 * without Express in the way; its steps are written against these, and run under Express as well
 * (Express's request and response are the same objects with more methods).
 */
export type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };
export type Next = (err?: unknown) => void;
export type NodeHandler = (req: NodeRequest, res: ServerResponse, next: Next) => void;

/** A JSON answer, as Express's res.status(n).json(body) gives it. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Adds `field` to the response's Vary header unless it names it already (or `*`). */
export function appendVary(res: ServerResponse, field: string): void {
  const current = res.getHeader('vary');
  if (current === undefined) {
    res.setHeader('vary', field);
    return;
  }
  const text = Array.isArray(current) ? current.join(', ') : String(current);
  const lower = text.toLowerCase();
  // the common case, a header naming other fields only, without splitting it
  if (!lower.includes(field.toLowerCase()) && !lower.includes('*')) {
    res.setHeader('vary', text ? `${text}, ${field}` : field);
    return;
  }
  const names = text
    .toLowerCase()
    .split(',')
    .map((name) => name.trim());
  if (names.includes('*') || names.includes(field.toLowerCase())) return;
  res.setHeader('vary', text ? `${text}, ${field}` : field);
}

/** Bodies smaller than this go out as they are: compressing them costs more than it saves. */
export const COMPRESSION_THRESHOLD = 1024;
type Encoding = 'br' | 'gzip' | 'deflate';
/** Preferred first when the client accepts several equally (as the `compression` package does). */
const PREFERRED: Encoding[] = ['br', 'gzip', 'deflate'];
const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  // quality 4: the `compression` package's default, a balance of speed and size
  br: (body) =>
    promisify(zlib.brotliCompress)(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => promisify(zlib.gzip)(body),
  deflate: (body) => promisify(zlib.deflate)(body),
};

/** The encoding to answer in, from an Accept-Encoding header (q-values honoured), or null for none. */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let best: Encoding | null = null;
  let bestQ = 0;
  let star = -1;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number(value) || 0;
    }
    if (name === '*') star = q;
    else quality.set(name, q);
  }
  for (const encoding of PREFERRED) {
    const q = quality.get(encoding) ?? (star >= 0 ? star : 0);
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

/**
 * Ends a response with a whole body, compressed when the client asked for it and the body is at
 * least COMPRESSION_THRESHOLD bytes: a one-shot zlib call on the thread pool instead of a stream
 * per response. `Vary: Accept-Encoding` is set wherever the answer could have been compressed.
 * `end` ends it (at once, or with the event loop's turn: end-together.ts).
 */
export function endCompressed(
  req: IncomingMessage,
  res: ServerResponse,
  body: string | Buffer,
  end: EndResponse = endNow,
): void {
  const cacheControl = res.getHeader('cache-control');
  if (typeof cacheControl === 'string' && /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(cacheControl)) {
    end(res, body);
    return;
  }
  appendVary(res, 'Accept-Encoding');
  const encoding =
    req.method === 'HEAD' || res.getHeader('content-encoding')
      ? null
      : negotiateEncoding(req.headers['accept-encoding']);
  // a UTF-16 unit is one to three bytes of UTF-8: only lengths in between need counting
  if (
    !encoding ||
    (typeof body === 'string'
      ? body.length * 3 < COMPRESSION_THRESHOLD ||
        (body.length < COMPRESSION_THRESHOLD && Buffer.byteLength(body) < COMPRESSION_THRESHOLD)
      : body.length < COMPRESSION_THRESHOLD)
  ) {
    end(res, body);
    return;
  }
  compressors[encoding](typeof body === 'string' ? Buffer.from(body) : body).then(
    (compressed) => {
      if (res.destroyed) return;
      res.setHeader('content-encoding', encoding);
      end(res, compressed);
    },
    () => end(res, body),
  );
}
