import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Apollo Server asks negotiator which media type a request prefers on every operation it runs
 * (`requestPipeline.js` picks an incremental delivery format before executing, even for a
 * request with no Accept header and no @defer), and again for a single result's content type
 * when the request has an Accept header: 0.9 µs and about 2.9 KB of garbage each time
 * (2026-12-03, this machine). The answer follows from the Accept header and the types offered
 * alone, and clients send a few headers again and again, so answers are kept here per header
 * and offer, and the offers compared item by item (Apollo offers the same constant strings).
 *
 * Bounded: at most MAX_HEADERS headers of at most MAX_ACCEPT characters, MAX_OFFERS offers of at
 * most MAX_TYPES types each; the oldest header goes first. Anything else (a longer header, an
 * offer that is not an array of strings, the other methods) is negotiator's own.
 *
 * Checked against: @apollo/server 5.5.1, negotiator 1.1.0
 */
export const CHECKED_NEGOTIATOR_VERSION = '1.1.0';
const MAX_HEADERS = 256;
const MAX_ACCEPT = 512;
const MAX_OFFERS = 8;
const MAX_TYPES = 16;

interface Kept {
  offer: string[];
  type: string | undefined;
}
interface NegotiatorLike {
  request: { headers: { accept?: unknown } };
}
type MediaType = (this: NegotiatorLike, available?: unknown) => string | undefined;

const kept = new Map<string | undefined, Kept[]>();
let installed = false;

/** How many Accept headers have answers kept: for tests. */
export const keptNegotiations = () => kept.size;

/** The copy of negotiator Apollo Server loads, and its version. */
export function apolloNegotiatorModule(): {
  version: string;
  exports: { prototype: { mediaType: MediaType } };
} {
  const fromApollo = createRequire(createRequire(__filename).resolve('@apollo/server'));
  const main = fromApollo.resolve('negotiator');
  const pkg = fromApollo(join(dirname(main), 'package.json')) as { version: string };
  return { version: pkg.version, exports: fromApollo(main) as never };
}

const sameOffer = (a: string[], b: unknown[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const keepable = (available: unknown): available is string[] =>
  Array.isArray(available) &&
  available.length <= MAX_TYPES &&
  available.every((t) => typeof t === 'string' && t.length <= MAX_ACCEPT);

/**
 * Puts the kept answers in front of negotiator's `mediaType` (Apollo makes a Negotiator per call
 * and calls it through the prototype); false for a version it was not checked against, left as
 * it is.
 */
export function keepNegotiations(): boolean {
  if (installed) return true;
  const module = apolloNegotiatorModule();
  if (module.version !== CHECKED_NEGOTIATOR_VERSION) return false;
  const proto = module.exports.prototype;
  const own = proto.mediaType;
  if (typeof own !== 'function') return false;
  proto.mediaType = function mediaType(this: NegotiatorLike, available?: unknown) {
    const accept = this.request.headers.accept;
    if (accept !== undefined && (typeof accept !== 'string' || accept.length > MAX_ACCEPT))
      return own.call(this, available);
    const offers = kept.get(accept);
    if (offers !== undefined && Array.isArray(available))
      for (const k of offers) if (sameOffer(k.offer, available)) return k.type;
    const type = own.call(this, available);
    if (!keepable(available)) return type;
    if (offers === undefined) {
      if (kept.size >= MAX_HEADERS) kept.delete(kept.keys().next().value);
      kept.set(accept, [{ offer: [...available], type }]);
    } else if (offers.length < MAX_OFFERS) offers.push({ offer: [...available], type });
    return type;
  };
  installed = true;
  return true;
}
