import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../core/config';
import { checkReferences } from './references';
import { readSeeds, SeedError } from './read';
import { writeSyntheticSeeds } from './synthetic';

const USAGE = 'usage: npm run seed:synthetic -- --scale N [--seed S] [--out DIR] [--from DIR]';

/** The value after `--name`, or undefined. */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? process.argv[i + 1] : undefined;
}

function wholeNumber(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined && fallback !== undefined) return fallback;
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new ConfigError(`--${name} must be a whole number, got "${raw ?? ''}"\n${USAGE}`);
  return Number(raw);
}

/**
 * `npm run seed:synthetic -- --scale N [--seed S] [--out DIR]`: writes seed YAML for a graph N
 * times the real one (deterministic from the seed), checks it as the loader would, and prints
 * its record counts. Load it with `SEEDS_DIR=DIR npm start` on a fresh database, or
 * `npm run seed -- --from DIR`.
 */
function main(): void {
  const scale = wholeNumber('scale', option('scale'));
  if (scale < 1 || scale > 1000)
    throw new ConfigError(`--scale must be from 1 to 1000, got ${scale}\n${USAGE}`);
  const seed = wholeNumber('seed', option('seed'), 1);
  const from = resolve(option('from') ?? loadConfig().seedsDir);
  const out = resolve(option('out') ?? `data/synthetic-${scale}x`);
  const started = Date.now();
  const manifest = writeSyntheticSeeds(from, out, { scale, seed });
  // The same checks the loader makes, so a generator bug shows here rather than at start-up.
  const { set, origins } = readSeeds(out);
  checkReferences(set, origins);
  console.log(JSON.stringify({ out, ...manifest, ms: Date.now() - started }));
}

try {
  main();
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof SeedError ? err.message : err);
  process.exit(1);
}
