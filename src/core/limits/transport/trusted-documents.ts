import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { NodeHandler, NodeRequest, sendJson } from '../../http/node-http';
import { ErrorCode } from '../../errors';
import { errorBody } from '../refusals';

/** A trusted-documents manifest: the SHA-256 (hex) of each operation's text, to that text. */
export type TrustedManifest = Record<string, string>;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads and checks a manifest; every key must be the SHA-256 of its query. */
export function loadManifest(path: string): TrustedManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`TRUSTED_DOCUMENTS: cannot read ${path}: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`TRUSTED_DOCUMENTS: ${path} must hold a JSON object { "<sha256>": "<query>" }`);
  }
  for (const [hash, query] of Object.entries(parsed)) {
    if (typeof query !== 'string' || sha256(query) !== hash) {
      throw new Error(
        `TRUSTED_DOCUMENTS: in ${path}, "${hash.slice(0, 16)}..." is not the SHA-256 of its query`,
      );
    }
  }
  return parsed as TrustedManifest;
}

/**
 * Apollo's persisted-query cache in trusted mode: it answers from the manifest and registers
 * nothing, so a hash-only request finds exactly the pre-registered operations.
 */
export class ManifestCache implements KeyValueCache<string> {
  constructor(private readonly manifest: TrustedManifest) {}

  async get(key: string): Promise<string | undefined> {
    // Apollo prefixes its persisted-query keys with "apq:".
    const hash = key.replace(/^apq:/, '');
    return Object.hasOwn(this.manifest, hash) ? this.manifest[hash] : undefined;
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }
}

interface Operation {
  query?: unknown;
  extensions?: unknown;
}

/** A GET's operation, from its URL (extensions is JSON there). */
function operationOfGet(req: NodeRequest): Operation {
  const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
  let extensions: unknown;
  try {
    extensions = JSON.parse(url.searchParams.get('extensions') ?? 'null');
  } catch {
    extensions = null; // Apollo refuses malformed extensions itself
  }
  return { query: url.searchParams.get('query') ?? undefined, extensions };
}

/** Why an operation may not run, or null when the manifest holds it. */
function refusal(
  op: Operation,
  manifest: TrustedManifest,
): { status: number; message: string; code: ErrorCode } | null {
  const hash = (op.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null)
    ?.persistedQuery?.sha256Hash;
  if (typeof hash === 'string') {
    if (Object.hasOwn(manifest, hash)) return null; // Apollo checks a query sent along matches it
    return {
      status: 400,
      code: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
      message:
        'No trusted operation has this hash; this server runs only pre-registered operations (TRUSTED_DOCUMENTS)',
    };
  }
  if (typeof op.query === 'string' && Object.hasOwn(manifest, sha256(op.query))) return null;
  return {
    status: 403,
    code: ErrorCode.FORBIDDEN_OPERATION,
    message:
      'This server runs only pre-registered operations (TRUSTED_DOCUMENTS): send the hash of one, as an Apollo persisted query',
  };
}

/**
 * TRUSTED_DOCUMENTS mode: every operation of a request (GET or POST, single or batched) must be
 * in the manifest, by hash (an Apollo persisted query) or by its exact text.
 */
export function trustedDocuments(manifest: TrustedManifest): NodeHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    const operations: Operation[] =
      req.method === 'GET'
        ? [operationOfGet(req)]
        : Array.isArray(req.body)
          ? req.body
          : [req.body ?? {}];
    for (const op of operations) {
      const refused = refusal(op && typeof op === 'object' ? op : {}, manifest);
      if (refused) {
        sendJson(res, refused.status, errorBody(refused.message, refused.code));
        return;
      }
    }
    next();
  };
}
