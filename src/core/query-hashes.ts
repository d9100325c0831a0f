import { BinaryToTextEncoding, createHash, Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Apollo Server finds a request's parsed document by the SHA-256 of its query text, made on
 * every request through @apollo/utils.createhash, which also `require`s node:crypto on each call:
 * 1.3 µs for `{ __typename }`, 1.9 for a 700-character query, 3.1 for 2,500 (2026-12-02, this
 * machine). Clients send the same few texts again and again, so the digests are kept here, found
 * by a fingerprint of the text (its length and about 16 characters spread over it) and confirmed
 * by comparing the whole text. Not a Map keyed by the text: V8 hashes every character of a
 * fresh string to look it up, which is slower than SHA-256 itself past about 1,000 characters.
 *
 * Only `createHash('sha256')` with a single string `update` and a hex `digest` (what Apollo's
 * pipeline and its persisted queries do) is answered from what is kept; anything else is
 * node:crypto's own. At most MAX_KEPT texts of at most MAX_TEXT characters, MAX_KEPT_CHARS
 * characters in all, are kept (a text whose fingerprint another one shares takes its place), so a
 * stranger's texts cost memory only up to that bound.
 *
 * Checked against: @apollo/server 5.5.1, @apollo/utils.createhash 3.0.1
 */
export const CHECKED_CREATEHASH_VERSION = '3.0.1';
const MAX_TEXT = 20_000;
const MAX_KEPT = 1_000;
/** Characters of kept texts at most (2 MB at two bytes a character): a thousand texts of MAX_TEXT held 20 MB of one-byte characters. */
const MAX_KEPT_CHARS = 1_000_000;

const kept = new Map<number, { text: string; hex: string }>();
/** The characters of the texts kept. */
let keptChars = 0;

function fingerprint(text: string): number {
  const length = text.length;
  const step = length > 16 ? length >> 4 : 1;
  let print = length;
  for (let i = 0; i < length; i += step) print = (Math.imul(print, 31) + text.charCodeAt(i)) | 0;
  return print;
}

/** The hex SHA-256 of `text`, kept for the next time the same text comes. */
export function keptSha256Hex(text: string): string {
  if (text.length > MAX_TEXT) return createHash('sha256').update(text).digest('hex');
  const print = fingerprint(text);
  const found = kept.get(print);
  if (found !== undefined && found.text === text) return found.hex;
  const hex = createHash('sha256').update(text).digest('hex');
  if (found !== undefined) forget(print);
  else if (kept.size >= MAX_KEPT) forget(kept.keys().next().value!);
  while (kept.size && keptChars + text.length > MAX_KEPT_CHARS) forget(kept.keys().next().value!);
  kept.set(print, { text, hex });
  keptChars += text.length;
  return hex;
}

function forget(print: number): void {
  keptChars -= kept.get(print)?.text.length ?? 0;
  kept.delete(print);
}

/** How many characters of texts are kept now: for tests. */
export const keptQueryHashChars = () => keptChars;

/** How many texts are kept now: for tests. */
export const keptQueryHashes = () => kept.size;

type Data = Parameters<Hash['update']>[0];

/** A SHA-256 hash as node:crypto's, answering a single text's hex digest from what is kept. */
class KeptSha256 {
  private text: string | undefined;
  private real: Hash | undefined;

  update(data: Data, encoding?: BufferEncoding): this {
    if (
      this.real === undefined &&
      this.text === undefined &&
      typeof data === 'string' &&
      !encoding
    ) {
      this.text = data;
      return this;
    }
    this.toReal();
    if (encoding) this.real!.update(data as string, encoding);
    else this.real!.update(data);
    return this;
  }

  digest(): Buffer;
  digest(encoding: BinaryToTextEncoding): string;
  digest(encoding?: BinaryToTextEncoding): Buffer | string {
    if (this.real === undefined && this.text !== undefined && encoding === 'hex')
      return keptSha256Hex(this.text);
    this.toReal();
    return encoding ? this.real!.digest(encoding) : this.real!.digest();
  }

  private toReal(): void {
    if (this.real) return;
    this.real = createHash('sha256');
    if (this.text !== undefined) this.real.update(this.text);
    this.text = undefined;
  }
}

type CreateHash = (kind: string) => unknown;

/** The copy of @apollo/utils.createhash Apollo Server loads, and its version. */
export function apolloCreateHashModule(): {
  version: string;
  exports: { createHash?: CreateHash };
} {
  const fromApollo = createRequire(createRequire(__filename).resolve('@apollo/server'));
  const main = fromApollo.resolve('@apollo/utils.createhash');
  const pkg = fromApollo(join(dirname(main), '..', 'package.json')) as { version: string };
  return { version: pkg.version, exports: fromApollo(main) as { createHash?: CreateHash } };
}

/**
 * Puts the kept hashes in place of Apollo's `createHash` for SHA-256 (Apollo reads it from the
 * module's exports at each call); false for a version it was not checked against, left as it is.
 */
export function keepQueryHashes(): boolean {
  const module = apolloCreateHashModule();
  if (module.version !== CHECKED_CREATEHASH_VERSION) return false;
  if (typeof module.exports.createHash !== 'function') return false;
  module.exports.createHash = (kind: string) =>
    kind === 'sha256' ? new KeptSha256() : createHash(kind);
  return true;
}
