import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { parseYaml } from './parse-yaml';
import { seedClasses, SeedKind, SeedSet } from './format';

/** A seed problem, naming the file, the record and the field. */
export class SeedError extends Error {
  constructor(
    readonly problems: string[],
    headline = 'seed data refused, nothing was written',
  ) {
    super(`${headline}:\n  ${problems.join('\n  ')}`);
  }
}

/** Where a record came from: for error messages (`file`, `path`) and for writing it back. */
export interface Origin {
  /** The file as messages name it (relative to the working directory when inside it). */
  file: string;
  /** The record as messages name it: `roles[0] (backend-developer)`. */
  path: string;
  /** The file relative to the seed directory, and its full path. */
  relative: string;
  full: string;
  kind: SeedKind;
  index: number;
}

export interface ReadSeeds {
  set: SeedSet;
  origins: Map<object, Origin>;
}

function seedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...seedFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

function flatten(errors: ValidationError[], prefix: string): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`;
    for (const message of Object.values(e.constraints ?? {})) out.push(`${path}: ${message}`);
    out.push(...flatten(e.children ?? [], path));
  }
  return out;
}

function label(kind: string, index: number, raw: unknown): string {
  const slug =
    raw && typeof raw === 'object' && 'slug' in raw ? String((raw as { slug: unknown }).slug) : '';
  return slug ? `${kind}[${index}] (${slug})` : `${kind}[${index}]`;
}

/**
 * Checks one record of `kind` against the seed format (which takes its limits from the curation
 * API's field specs): problems name the file, the record and the field.
 */
export function checkRecord(
  file: string,
  kind: SeedKind,
  index: number,
  raw: unknown,
): { record: object | null; problems: string[] } {
  const where = label(kind, index, raw);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { record: null, problems: [`${file}: ${where}: must be a mapping of fields`] };
  const record = plainToInstance(seedClasses()[kind], raw);
  const errors = validateSync(record, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return { record, problems: flatten(errors, where).map((line) => `${file}: ${line}`) };
}

/** Reads, parses and validates every seed file under `dir`; throws SeedError listing all problems. */
export function readSeeds(dir: string): ReadSeeds {
  const classes = seedClasses();
  const sections = Object.keys(classes).join(', ');
  const set = Object.fromEntries(Object.keys(classes).map((k) => [k, []])) as unknown as SeedSet;
  const origins = new Map<object, Origin>();
  const problems: string[] = [];
  const files = seedFiles(dir);
  if (files.length === 0) throw new SeedError([`${dir}: no .yaml seed files found`]);

  for (const full of files) {
    const rel = relative(process.cwd(), full);
    const file = rel && !rel.startsWith('..') ? rel : full;
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(full, 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    if (doc == null) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      problems.push(`${file}: must be a mapping of record kinds (${sections})`);
      continue;
    }
    for (const [kind, records] of Object.entries(doc)) {
      if (!(kind in classes)) {
        problems.push(`${file}: unknown record kind "${kind}" (expected one of ${sections})`);
        continue;
      }
      if (!Array.isArray(records)) {
        problems.push(`${file}: ${kind} must be a list of records`);
        continue;
      }
      records.forEach((raw: unknown, index: number) => {
        const checked = checkRecord(file, kind as SeedKind, index, raw);
        problems.push(...checked.problems);
        if (!checked.record) return;
        (set[kind as SeedKind] as object[]).push(checked.record);
        origins.set(checked.record, {
          file,
          path: label(kind, index, raw),
          relative: relative(dir, full),
          full,
          kind: kind as SeedKind,
          index,
        });
      });
    }
  }
  if (problems.length) throw new SeedError(problems);
  return { set, origins };
}
