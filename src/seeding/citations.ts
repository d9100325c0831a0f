import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYaml } from './parse-yaml';
import { SectionHeading, sha256Hex, SourceText, Span } from '../modules/sources/anchor';

/**
 * Every citation in the seed files with the record and field that carry it, and the check of
 * their anchors against the source documents (npm run citations:verify, docs/citations.md).
 */

export interface SeedCitation {
  /** "seeds/roles/x.yaml: roles[0] (x).levels[1] (y).cite[0]": the record and the field. */
  where: string;
  file: string;
  /** The record that carries the citation, as parsed from YAML. */
  record: Record<string, unknown>;
  source: string;
  section: string;
  span?: Span;
}

export interface SeedSource {
  slug: string;
  file?: string;
  sha256?: string;
  url?: string;
  sections: SectionHeading[];
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

function label(key: string, index: number, item: Record<string, unknown>): string {
  if (typeof item.slug === 'string') return `${key}[${index}] (${item.slug})`;
  if (typeof item.from === 'string' && typeof item.to === 'string')
    return `${key}[${index}] (${item.from} -> ${item.to})`;
  return `${key}[${index}]`;
}

/** Walks a record and its nested records (levels, bands, transitions...), collecting each `cite` entry. */
function collect(
  file: string,
  path: string,
  record: Record<string, unknown>,
  out: SeedCitation[],
): void {
  for (const [key, value] of Object.entries(record)) {
    if (!Array.isArray(value)) continue;
    if (key === 'cite') {
      value.forEach((c, j) => {
        if (!isRecord(c)) return;
        out.push({
          where: `${file}: ${path}.cite[${j}]`,
          file,
          record,
          source: String(c.source),
          section: String(c.section),
          span: isRecord(c.span) ? (c.span as unknown as Span) : undefined,
        });
      });
    } else {
      value.forEach(
        (item, i) => isRecord(item) && collect(file, `${path}.${label(key, i, item)}`, item, out),
      );
    }
  }
}

/** Reads the seed files under `dir`: the sources and every citation, in file order. */
export function readCitations(dir: string): { sources: SeedSource[]; citations: SeedCitation[] } {
  const sources: SeedSource[] = [];
  const citations: SeedCitation[] = [];
  for (const full of yamlFiles(dir)) {
    const rel = relative(process.cwd(), full);
    const file = rel && !rel.startsWith('..') ? rel : full;
    const doc = parseYaml(readFileSync(full, 'utf8'));
    if (!isRecord(doc)) continue;
    for (const [kind, records] of Object.entries(doc)) {
      if (!Array.isArray(records)) continue;
      records.forEach((r, i) => {
        if (!isRecord(r)) return;
        if (kind === 'sources') {
          sources.push({
            slug: String(r.slug),
            file: r.file as string | undefined,
            sha256: r.sha256 as string | undefined,
            url: r.url as string | undefined,
            sections: Array.isArray(r.sections) ? (r.sections as SectionHeading[]) : [],
          });
        } else collect(file, label(kind, i, r), r, citations);
      });
    }
  }
  return { sources, citations };
}

/** The text of each source document in `dir`, matched by its SHA-256 first and by file name second. */
export function loadSourceTexts(
  dir: string,
  sources: SeedSource[],
): { texts: Map<string, SourceText>; problems: string[] } {
  const files = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  const byHash = new Map<string, string>();
  const contents = new Map<string, string>();
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8');
    contents.set(name, text);
    byHash.set(sha256Hex(text), name);
  }
  const texts = new Map<string, SourceText>();
  const problems: string[] = [];
  for (const s of sources) {
    const name =
      (s.sha256 && byHash.get(s.sha256)) || (s.file && contents.has(s.file) ? s.file : undefined);
    if (!name) {
      problems.push(
        `source ${s.slug}: no file in ${dir} has sha256 ${s.sha256 ?? '(none given)'} or the name ${s.file ?? '(none given)'}`,
      );
      continue;
    }
    const text = contents.get(name) as string;
    if (s.sha256 && sha256Hex(text) !== s.sha256) {
      problems.push(
        `source ${s.slug}.sha256: ${name} is not the document the anchors were taken from (its SHA-256 differs)`,
      );
    }
    const doc = new SourceText(text, s.sections);
    problems.push(...doc.problems.map((p) => `source ${s.slug}.sections: ${p}`));
    texts.set(s.slug, doc);
  }
  return { texts, problems };
}

/** A source known by its address alone: the documents we hold the text of name a file or a SHA-256. */
const isWebPage = (s: SeedSource) => Boolean(s.url) && !s.file && !s.sha256;

export interface VerifyReport {
  checked: number;
  problems: string[];
}

/** Checks every citation's anchor: the span exists, its hash matches and its section contains it. */
export function verifyCitations(seedsDir: string, sourcesDir: string): VerifyReport {
  const { sources: all, citations } = readCitations(seedsDir);
  // a web page read on a date (a url, no file or hash of ours) is cited by its address: no span to check
  const pages = new Set(all.filter(isWebPage).map((s) => s.slug));
  const sources = all.filter((s) => !pages.has(s.slug));
  const { texts, problems } = loadSourceTexts(sourcesDir, sources);
  for (const c of citations) {
    const doc = texts.get(c.source);
    if (pages.has(c.source)) continue;
    if (!sources.some((s) => s.slug === c.source)) {
      problems.push(`${c.where}.source: no source has slug "${c.source}"`);
    } else if (!c.span) {
      problems.push(`${c.where}.span: missing (every citation names the span it rests on)`);
    } else if (doc) {
      const failed = doc.check(c.section, c.span);
      if (failed) problems.push(`${c.where}.${failed.field}: ${failed.problem}`);
    }
  }
  return { checked: citations.filter((c) => !pages.has(c.source)).length, problems };
}
