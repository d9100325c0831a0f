import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { LARGE_ANSWER } from '../http/answer-body';
import type { ResponseStore } from './redis-store';

/**
 * One cached answer, as the response cache keeps it: the JSON of its `data` exactly as Apollo
 * serialises it, so a hit is written out without parsing it and serialising it again, and what
 * the rest of the answer is made of.
 */
export interface StoredAnswer {
  /** `JSON.stringify(data)` of the answer. */
  data: string;
  /** Seconds the cache-control hints allowed (the scope is always public: private answers are never stored). */
  maxAge: number;
  /** Date.now() when stored, for the `Age` header. */
  storedAt: number;
  /** The operation's name as resolved from its document (the metrics label and the log line). */
  operationName: string | null;
  /** The names of the answer's `extensions`, in order (sqlStatements, cost, graphVersion). */
  extensions: string[];
  /** The operation's estimated cost and the limit reported with it, when the cost layer ran. */
  cost?: { requested: number; limit: number | null };
  /** The weak ETag of `data` at this database and graph version (src/core/http-cache/etag.plugin.ts). */
  etag: string;
  /**
   * The whole body as sent when nothing in it varies by request (no rate-limit figures), made
   * by the first replay of an entry kept in this process: later ones write it as it is, with no
   * string to build and encode.
   */
  body?: Buffer;
  /**
   * `data` as UTF-8, kept by the first replay of a large entry (src/core/http/answer-body.ts):
   * replays with rate-limit figures put their body together from it rather than from one long
   * string each time.
   */
  dataBytes?: Buffer;
}

/** Where answers live: this process (synchronous) or Redis (a round trip). */
export interface AnswerStore {
  get(key: string): StoredAnswer | undefined | Promise<StoredAnswer | undefined>;
  set(key: string, answer: StoredAnswer): void;
}

/**
 * The key of one request's answer: the database, graph version and server (its limits and
 * schema) it was answered by, then the operation's text, name and variables exactly as sent.
 */
export function answerKey(
  scope: string,
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): string {
  return createHash('sha256')
    .update(scope)
    .update('\n')
    .update(JSON.stringify([operationName ?? null, variables ?? {}]))
    .update('\n')
    .update(query)
    .digest('base64url');
}

const MiB = 1024 * 1024;
/** Bytes of answers kept in this process (UTF-16: two per character of JSON), and entries at most. */
export const ANSWER_CACHE_BYTES = 16 * MiB;
export const ANSWER_CACHE_ENTRIES = 10_000;

/**
 * Bytes an entry may come to hold: the data (UTF-16), the body once replayed (UTF-8, up to 3
 * bytes a character, the data and a small envelope), for a large answer its data as UTF-8 too,
 * and the key, the ETag and the small fields.
 */
function entryBytes(answer: StoredAnswer): number {
  return (answer.data.length < LARGE_ANSWER ? 5 : 8) * answer.data.length + 1024;
}

/** Answers in this process, least recently used out first, each for its max-age. */
export function memoryAnswerStore(
  maxBytes = ANSWER_CACHE_BYTES,
  maxEntries = ANSWER_CACHE_ENTRIES,
): AnswerStore {
  const lru = new LRUCache<string, StoredAnswer>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: entryBytes,
  });
  return {
    get: (key) => lru.get(key),
    set(key, answer) {
      if (entryBytes(answer) > maxBytes) return;
      lru.set(key, answer, { ttl: answer.maxAge * 1000 });
    },
  };
}

/**
 * Answers in Redis, as `<meta JSON>\n<data JSON>`: a hit parses only the small first line.
 * Entries expire with their max-age; Redis being away makes every read a miss (redis-store.ts).
 */
export function redisAnswerStore(store: ResponseStore): AnswerStore {
  return {
    async get(key) {
      const text = await store.get(`answer:${key}`);
      if (text === undefined) return undefined;
      const line = text.indexOf('\n');
      if (line < 0) return undefined;
      try {
        const meta = JSON.parse(text.slice(0, line)) as Omit<StoredAnswer, 'data'>;
        return { ...meta, data: text.slice(line + 1) };
      } catch {
        return undefined;
      }
    },
    set(key, answer) {
      const { data, ...meta } = answer;
      void store.set(`answer:${key}`, `${JSON.stringify(meta)}\n${data}`, { ttl: answer.maxAge });
    },
  };
}
