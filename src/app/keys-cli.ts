import 'reflect-metadata';
import { loadConfig } from '../core/config';
import { createDataSource } from './data-source';
import { ApiKey, ApiRole } from '../core/auth/api-key.entity';
import { createApiKey, revokeApiKey } from '../core/auth/keys';

const USAGE = `usage:
  npm run keys -- create --role reader|editor|admin --name "who it is for"
  npm run keys -- revoke <prefix or name>
  npm run keys -- list`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i > -1 ? args[i + 1] : undefined;
}

/** `npm run keys`: create (prints the key once), revoke and list API keys. */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!['create', 'revoke', 'list'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const db = createDataSource(loadConfig().database);
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    if (command === 'create') {
      const role = option(rest, 'role') as ApiRole | undefined;
      const name = option(rest, 'name')?.trim();
      if (!role || !Object.values(ApiRole).includes(role) || !name) {
        console.error(`create needs --role (reader, editor or admin) and --name\n${USAGE}`);
        return 2;
      }
      const { key, record } = await createApiKey(db, name.slice(0, 120), role);
      console.log(
        `created ${record.role} key "${record.name}" (prefix ${record.prefix}). It is shown only now:\n${key}`,
      );
      return 0;
    }
    if (command === 'revoke') {
      const which = rest[0];
      if (!which) {
        console.error(USAGE);
        return 2;
      }
      const revoked = await revokeApiKey(db, which);
      console.log(
        revoked
          ? `revoked ${revoked} key(s) matching "${which}"`
          : `no live key matches "${which}"`,
      );
      return revoked ? 0 : 1;
    }
    for (const k of await db.getRepository(ApiKey).find({ order: { id: 'ASC' } })) {
      console.log(
        `${k.prefix}  ${k.role.padEnd(6)}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'live'}  ${k.name}`,
      );
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
