import { createHash } from 'node:crypto';

/** What identifies a caller to the rate limiter. */
export interface ClientIdentity {
  /** The verified API key (src/core/auth), or null for an anonymous request. */
  auth?: { keyId: number } | null;
  /** The caller's address, as express sees it (behind TRUST_PROXY hops, from X-Forwarded-For). */
  clientIp?: string;
}

/**
 * The single place a rate-limit bucket is chosen: a request with a verified API key spends its
 * key's budget wherever it comes from; an anonymous one spends its IP address's. Only verified
 * keys count (forged ones are refused before this), so inventing keys buys no fresh budget.
 */
export function clientIdOf(identity: ClientIdentity): string {
  if (identity.auth?.keyId !== undefined) return `key:${identity.auth.keyId}`;
  const ip = identity.clientIp ?? 'unknown';
  // behind TRUST_PROXY hops the address is read from X-Forwarded-For unchecked: a client can
  // make it up, up to the header size; a long one is kept (in memory, in Redis) as its hash
  return ip.length > 64 ? `ip#${createHash('sha256').update(ip).digest('base64url')}` : `ip:${ip}`;
}
