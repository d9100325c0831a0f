import { createHash, randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../errors';
import { runWrite } from '../writes';
import { ApiKey, ApiRole } from './api-key.entity';

/** What a request may do, from the API key it carries. */
export interface AuthInfo {
  keyId: number;
  prefix: string;
  name: string;
  role: ApiRole;
}

const KEY_PATTERN = /^cg_([a-z0-9]{8})_([A-Za-z0-9_-]{32,64})$/;

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Makes a new key; the secret is returned once and only its hash is stored. */
export async function createApiKey(
  db: DataSource,
  name: string,
  role: ApiRole,
): Promise<{ key: string; record: ApiKey }> {
  const prefix = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 8);
  const key = `cg_${prefix}_${randomBytes(24).toString('base64url')}`;
  const record = await runWrite(db, (em) =>
    em.getRepository(ApiKey).save({
      prefix,
      keyHash: hashKey(key),
      name,
      role,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    }),
  );
  return { key, record };
}

/** Revokes a key by its prefix or name; returns how many keys it revoked. */
export async function revokeApiKey(db: DataSource, prefixOrName: string): Promise<number> {
  return runWrite(db, async (em) => {
    const repo = em.getRepository(ApiKey);
    const keys = (await repo.find()).filter(
      (k) => !k.revokedAt && (k.prefix === prefixOrName || k.name === prefixOrName),
    );
    for (const k of keys) await repo.update(k.id, { revokedAt: new Date().toISOString() });
    return keys.length;
  });
}

export type KeyCheck =
  { status: 'none' } | { status: 'valid'; auth: AuthInfo } | { status: 'invalid' };

/** Reads `Authorization: Bearer <key>`: no header, a live key, or anything else (forged, revoked, malformed). */
export async function checkAuthorization(
  db: DataSource,
  header: string | undefined,
): Promise<KeyCheck> {
  if (!header) return { status: 'none' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match || !KEY_PATTERN.test(match[1])) return { status: 'invalid' };
  const key = await db.getRepository(ApiKey).findOne({ where: { keyHash: hashKey(match[1]) } });
  if (!key || key.revokedAt) return { status: 'invalid' };
  return {
    status: 'valid',
    auth: { keyId: key.id, prefix: key.prefix, name: key.name, role: key.role },
  };
}

/**
 * The caller's identity for a request: null without a key; a key that is forged, malformed or
 * revoked is refused outright (HTTP 401, UNAUTHENTICATED) rather than treated as anonymous.
 */
export async function authenticate(
  db: DataSource,
  header: string | undefined,
): Promise<AuthInfo | null> {
  const check = await checkAuthorization(db, header);
  if (check.status === 'invalid') {
    throw new GraphQLError('The API key is not valid (unknown, malformed or revoked)', {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
  return check.status === 'valid' ? check.auth : null;
}
