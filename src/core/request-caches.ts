import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';

/**
 * The caches Apollo keeps of what clients send, bounded in entries and in bytes. Apollo's own
 * defaults bound only an estimate (30 MiB of JSON.stringify for parsed documents, which hold
 * about five times that: 20,000 unique documents grew the heap by 365 MB). docs/operations.md
 * adds these up to the worst case.
 */
const MiB = 1024 * 1024;

/** Parsed and validated documents, by the SHA-256 of their text. */
export const DOCUMENT_STORE_BYTES = 16 * MiB;
export const DOCUMENT_STORE_ENTRIES = 5000;

/**
 * What a parsed document holds, from its text: every token is kept (the AST's locations link
 * them), about 100 bytes per character of source as measured with graphql 16 (95 to 102 across
 * small, medium and 5,000-token documents). Reading the length is free, where Apollo's estimate
 * serialises the whole tree.
 */
export const documentSize = (document: DocumentNode) =>
  Math.max(1, document.loc?.source.body.length ?? 1) * 100;

export function boundedDocumentStore(): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    max: DOCUMENT_STORE_ENTRIES,
    maxSize: DOCUMENT_STORE_BYTES,
    sizeCalculation: documentSize,
  });
}

/**
 * Apollo's key-value cache: whole responses when the response cache is in this process, and
 * automatic persisted queries. Values are strings; a character may take two bytes.
 */
export const SERVER_CACHE_BYTES = 16 * MiB;
export const SERVER_CACHE_ENTRIES = 10_000;

export function boundedServerCache(): InMemoryLRUCache<string> {
  return new InMemoryLRUCache<string>({
    max: SERVER_CACHE_ENTRIES,
    maxSize: SERVER_CACHE_BYTES,
    sizeCalculation: (value) =>
      Math.max(1, 2 * (typeof value === 'string' ? value.length : JSON.stringify(value).length)),
  });
}
