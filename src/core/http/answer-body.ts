import type { BaseContext } from '@apollo/server';
import type { RequestPart } from '../request-parts';

/**
 * Large answers, written as bytes made a piece at a time.
 *
 * Apollo serialises an answer with `JSON.stringify(value) + '\n'`, and node:http then needs the
 * string flat (its byte length, then its bytes). V8 keeps a flat string longer than 128 KB (64K
 * UTF-16 units once a character lies outside Latin-1, such as the en dash our texts use) in its
 * large-object space, on memory mapped afresh each time: measured on a 2-core VM, an answer of
 * 80,000 characters with one en dash cost 0.8 ms to flatten and 0.9 ms to write, against 0.07 ms
 * for the same bytes written from Buffers (bench/README.md, "Large answers"). So when the JSON is
 * that long, the route's answer is made as pieces, each stringified by V8 on its own (well under
 * that size) and written as UTF-8 into one Buffer, and Apollo's string is left empty. The bytes
 * are the same as Apollo's (tests/unit/answer-body.test.ts). An answer of a few KB or more is
 * made into bytes too, in one pass (`utf8Once`): 3 to 8% less CPU a `nested` request.
 *
 * Checked against: @apollo/server 5.5.1 (Apollo calls `stringifyResult` after every
 * `willSendResponse`, with a new object whose `data` is the result's own; a batch's answers are
 * joined from their strings, so the route gives a batch no slot).
 */

/** JSON text at least this long (UTF-16 units) is written from pieces. */
export const LARGE_ANSWER = 60_000;
/**
 * A value whose JSON is about this long or less (UTF-16 units, escapes not counted) is stringified
 * in one call: even in UTF-16 and twice as long with escapes, well under the large-object size.
 */
const PIECE = 16_384;

/** Where the route finds an answer's bytes when they were made in pieces. */
export interface AnswerBody {
  bytes?: Buffer;
}

/** Where a request's large answer goes, and the parsed document it answers. */
interface Slot {
  body: AnswerBody;
  document: object | undefined;
}

/**
 * The slot of the request whose result holds a `data` object, on the object itself under a
 * symbol (JSON.stringify, Object.keys and for-in pass symbols by). A WeakMap did this before: an
 * entry keyed by a young object cost about 1.3 µs to set and read (a loop of 2 million), against
 * a few nanoseconds for the property. `data` is the request's own (the executor's, or parsed
 * afresh from a cached answer), never shared between requests.
 */
const SLOT = Symbol('answer body slot');
type Slotted = { [SLOT]?: Slot };

/**
 * Documents (Apollo's parsed and cached DocumentNode) that have answered LARGE_ANSWER or more:
 * their answers are measured by a walk before they are stringified. Weak: a document Apollo's
 * store drops is forgotten.
 */
const largeDocuments = new WeakSet<object>();

/** The route's slot on a request's context (part of `Context`). */
export interface WithAnswerBody {
  /** Where the HTTP route takes a large answer's bytes from; set only for a single operation sent over HTTP. */
  answerBody?: AnswerBody;
}

/**
 * The last per-request part: ties the result's `data` to the route's slot, so that
 * `stringifyAnswer` (which Apollo hands the result alone) knows where to put large bytes.
 */
export const answerBodyPart: RequestPart<BaseContext> = {
  willSendResponse({ contextValue, response, document }) {
    const body = (contextValue as WithAnswerBody).answerBody;
    if (!body || response.body.kind !== 'single') return;
    const data = response.body.singleResult.data;
    if (data && typeof data === 'object') (data as Slotted)[SLOT] = { body, document };
  },
};

/**
 * Apollo's `stringifyResult`: its own serialisation, except that a large answer going out
 * through the route is made into bytes in pieces and handed to the route (the string is then
 * empty, and the route writes the bytes).
 *
 * Whether an answer is large is told by the length of Apollo's string, except for documents that
 * have answered large before: theirs are first measured by a walk (`planPieces`), so that a large
 * answer is not stringified whole only to learn its length (about a third of its cost, measured on
 * `nested`'s 80,000-character answers); the same walk then says which values are small enough to
 * stringify in one call. The walk is kept to those documents because on a small answer it costs
 * about 40% of stringifying it (`path`'s profile). One the walk undercounts (escapes) is still
 * caught by the length of the string.
 */
export function stringifyAnswer(value: { data?: unknown }): string {
  const slot =
    value.data && typeof value.data === 'object' ? (value.data as Slotted)[SLOT] : undefined;
  if (slot?.document && largeDocuments.has(slot.document)) {
    const plan = planPieces(value);
    if (plan.size >= LARGE_ANSWER) {
      slot.body.bytes = writeAnswer(value, plan);
      return '';
    }
  }
  const json = JSON.stringify(value);
  if (!slot || json.length < ENCODE_ONCE) return json + '\n';
  if (json.length < LARGE_ANSWER) {
    slot.body.bytes = utf8Once(json);
    return '';
  }
  if (slot.document) largeDocuments.add(slot.document);
  slot.body.bytes = writeAnswer(value, planPieces(value));
  return '';
}

/**
 * JSON text at least this long (UTF-16 units) is made into UTF-8 bytes here, in one pass: node:http
 * given the string walks it twice (its byte length for Content-Length, then its bytes).
 */
export const ENCODE_ONCE = 4096;

/** Where answers are encoded before being copied out: big enough for any text under LARGE_ANSWER. */
const scratch = Buffer.allocUnsafe(LARGE_ANSWER * 3 + 1);

/**
 * `json` and a newline as UTF-8: written once into the scratch Buffer (room for three bytes a
 * unit, so V8 never checks for room), then copied into a Buffer of its own size (small ones come
 * from node's pool). The scratch is reused at once: nothing else runs between the two steps.
 */
function utf8Once(json: string): Buffer {
  const length = scratch.write(json);
  scratch[length] = 0x0a;
  const bytes = Buffer.allocUnsafe(length + 1);
  scratch.copy(bytes, 0, 0, length + 1);
  return bytes;
}

/** `JSON.stringify(value) + tail` as UTF-8, without ever holding the whole text as one string. */
export function jsonBytes(value: unknown, tail = ''): Buffer {
  return writeAnswer(value, planPieces(value), tail);
}

function writeAnswer(value: unknown, plan: Plan, tail = '\n'): Buffer {
  const out = new ByteWriter(Math.max(64, 2 * plan.size));
  writePieces(value, out, plan.split);
  out.put(tail);
  return out.bytes();
}

/** UTF-8 written piece by piece into one Buffer, grown when a piece might not fit. */
class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  put(text: string): void {
    const need = this.length + text.length * 3; // at most 3 UTF-8 bytes per UTF-16 unit
    if (need > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.buffer.length));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }

  /** What was written (a view of the Buffer: no copy). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** What one walk of an answer found: its JSON's length, and the values too long for one call. */
interface Plan {
  /** UTF-16 units of the whole JSON text, escapes not counted. */
  size: number;
  /** Arrays and plain objects whose JSON is longer than PIECE: written a member at a time. */
  split: Set<object>;
}

/**
 * Measures `value`'s JSON in one walk, every value visited once (a walk per level, each stopping
 * at PIECE, visited the upper levels of an 80,000-character answer four times over).
 */
function planPieces(value: unknown): Plan {
  const split = new Set<object>();
  return { size: measure(value, split), split };
}

/** Values JSON.stringify writes through toJSON or as a primitive: never split. */
const whole = (value: object): boolean =>
  typeof (value as { toJSON?: unknown }).toJSON === 'function' ||
  value instanceof String ||
  value instanceof Number ||
  value instanceof Boolean;

function measure(value: unknown, split: Set<object>): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 8;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      let total = 2;
      if (Array.isArray(value)) for (const item of value) total += measure(item, split) + 1;
      else if (whole(value)) return 16;
      else
        for (const key in value)
          total += key.length + 4 + measure((value as Record<string, unknown>)[key], split);
      if (total > PIECE) split.add(value);
      return total;
    }
    default:
      return 4;
  }
}

/** JSON text of `value` as pieces, as JSON.stringify would write it (no replacer, no indent). */
function writePieces(value: unknown, out: ByteWriter, split: Set<object>): void {
  if (value === null || typeof value !== 'object' || !split.has(value)) {
    out.put(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.put('[');
    for (let i = 0; i < value.length; i++) {
      if (i) out.put(',');
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol')
        out.put('null');
      else writePieces(item, out, split);
    }
    out.put(']');
    return;
  }
  out.put('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out.put(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    writePieces(item, out, split);
  }
  out.put('}');
}
