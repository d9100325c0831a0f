import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../core/config';
import { createDataSource } from '../app/data-source';
import { runExclusively } from '../core/database';
import { loadSeedDirectory } from './loader';
import { SeedReport } from './merge';
import { SeedError } from './read';

const USAGE = 'usage: npm run seed [-- --from DIR] [--force] [--allow-conflicts]';

/** Exit status when the run left conflicts (and `--allow-conflicts` was not given). */
export const CONFLICT_EXIT = 3;

const show = (v: unknown) => {
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** The report as people read it: counts, then each conflict and each overwritten record. */
function describe(report: SeedReport): string[] {
  const lines = [
    `seed: ${report.applied} applied, ${report.kept} kept (changed through the API), ${report.conflicts.length} conflicting, ${report.unchanged} unchanged` +
      ` (rows inserted ${report.inserted}, updated ${report.updated}, deleted ${report.deleted})`,
  ];
  const detail = (
    heading: string,
    item: {
      file: string | null;
      record: string;
      fields: { field: string; file: unknown; database: unknown }[];
      audit: SeedReport['conflicts'][number]['audit'];
    },
    reason?: string,
  ) => {
    lines.push(
      `${heading} ${item.file ?? '(no file)'}: ${item.record}${reason ? `: ${reason}` : ''}`,
    );
    if (item.audit)
      lines.push(
        `    last API write: audit entry ${item.audit.id} (${item.audit.action} by ${item.audit.actor} at ${item.audit.at})`,
      );
    for (const f of item.fields)
      lines.push(`    ${f.field}: file ${show(f.file)} | database ${show(f.database)}`);
  };
  for (const c of report.conflicts) detail('CONFLICT', c, c.reason);
  for (const o of report.overwritten) detail('OVERWROTE', o);
  return lines;
}

/**
 * `npm run seed`: migrates, then merges the seed files into the database (editors' changes kept,
 * conflicts reported and left alone). Exits 3 when conflicts remain, unless `--allow-conflicts`.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const known = new Set(['--from', '--force', '--allow-conflicts']);
  const unknown = args.filter(
    (a, i) => a.startsWith('--') && !known.has(a) && args[i - 1] !== '--from',
  );
  if (unknown.length) {
    console.error(`unknown option ${unknown[0]}\n${USAGE}`);
    process.exit(2);
  }
  const config = loadConfig();
  const fromIndex = args.indexOf('--from');
  const dir = resolve(fromIndex > -1 ? (args[fromIndex + 1] ?? '') : config.seedsDir);
  const force = args.includes('--force');
  const db = createDataSource(config.database);
  await db.initialize();
  let report: SeedReport;
  try {
    // under the lock replicas take at start-up, so a load never races their migrations or seeding
    report = await runExclusively(db, async () => {
      await db.runMigrations({ transaction: 'each' });
      return loadSeedDirectory(db, dir, {
        force,
        actor: force ? 'npm run seed --force' : 'npm run seed',
      });
    });
  } finally {
    await db.destroy();
  }
  // people read the report on stderr; stdout stays one JSON line for scripts
  for (const line of describe(report)) console.error(line);
  const { conflicts, overwritten, ...counts } = report;
  console.log(
    JSON.stringify({
      seeded: dir,
      ...counts,
      conflicts: conflicts.length,
      overwritten: overwritten.length,
    }),
  );
  if (conflicts.length && !args.includes('--allow-conflicts')) {
    console.error(
      `${conflicts.length} conflicting record(s) left as the database has them; resolve them (npm run export -- --changed), or run with --force to let the files win, or --allow-conflicts to exit 0`,
    );
    process.exitCode = CONFLICT_EXIT;
  }
}

main().catch((err) => {
  if (err instanceof SeedError || err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('seed failed:', err);
  }
  process.exit(1);
});
