import { DataSource } from 'typeorm';

/** The random id the identity migration wrote into this database (src/migrations/1764200000000-database-identity.ts). */
export async function readDatabaseIdentity(db: DataSource): Promise<string> {
  const rows: { identity: string }[] = await db.query(
    'SELECT identity FROM database_identity WHERE id = 1',
  );
  const identity = rows[0]?.identity;
  if (!identity)
    throw new Error(
      'the database has no identity: run its migrations first (the server does at start)',
    );
  return identity;
}

const identities = new WeakMap<DataSource, Promise<string>>();

/** The database's identity, read once per data source (it never changes) and then shared. */
export function databaseIdentity(db: DataSource): Promise<string> {
  let identity = identities.get(db);
  if (!identity) {
    identity = readDatabaseIdentity(db);
    identities.set(db, identity);
    identity.catch(() => identities.delete(db)); // read again next time: the migration may not have run yet
  }
  return identity;
}

/**
 * The Redis key prefix of one database: `<REDIS_PREFIX><identity>:`. Two databases sharing one
 * Redis and one REDIS_PREFIX still never share a key.
 */
export function databasePrefix(prefix: string, identity: string): string {
  return `${prefix}${identity}:`;
}
