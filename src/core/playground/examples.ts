import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** One ready-made operation offered in the playground. */
export interface Example {
  /** The file's name without its extension. */
  name: string;
  /** The file's first comment line. */
  title: string;
  query: string;
}

/** docs/examples at the project root, seen from src/core/playground or dist/core/playground alike. */
export const EXAMPLES_DIR = resolve(__dirname, '..', '..', '..', 'docs', 'examples');

/** Reads every `*.graphql` file of `dir`, by file name; a missing directory gives none. */
export function loadExamples(dir: string = EXAMPLES_DIR): Example[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const query = readFileSync(join(dir, file), 'utf8');
      const name = basename(file, '.graphql');
      const title = /^#\s*(.+)$/m.exec(query)?.[1].trim() ?? name;
      return { name, title, query };
    });
}
