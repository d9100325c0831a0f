import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, YAMLMap } from 'yaml';
import { normaliseSpan, SourceText, spanSha256 } from '../modules/sources/anchor';
import { fold, stem } from '../modules/search/porter-tokenizer';
import { loadSourceTexts, readCitations } from './citations';

/**
 * `node dist/seeding/citations-anchor-cli.js --sources DIR [--seeds DIR] [--write] [--all]`:
 * proposes a span for each citation that has none (or every one with --all): the run of one to
 * three sentences of the cited section whose words best match the record's own words (weighted
 * by rarity). It prints one line per citation with the score, for a person to review, and with
 * --write puts the spans into the seed files. It holds no text of the sources: it reads them
 * from DIR at run time. A proposal is a starting point, not a verdict: docs/citations.md says how
 * the spans were reviewed.
 */

const STOP = new Set(
  'a an and are as at be by can for from has have how in into is it its of on or that the their them they this to was what when where which who will with you your do does not more most one such than then there these those through use using work'.split(
    ' ',
  ),
);

const words = (text: string): string[] =>
  (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)).map(stem);

const NAMING = new Set(['slug', 'name', 'title', 'label', 'aliases', 'from', 'to']);

/** The words that name the record: its name, title, label, aliases and slug. */
function namingWords(record: Record<string, unknown>): string[] {
  return Object.entries(record)
    .filter(([k]) => NAMING.has(k))
    .flatMap(([, v]) => recordWords({ v }));
}

/** The record's own words: its text fields, list items, slugs of what it links and figures written as the sources write them. */
function recordWords(record: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (key: string, v: unknown): void => {
    if (
      key === 'cite' ||
      key === 'levels' ||
      key === 'salaryBands' ||
      key === 'transitions' ||
      key === 'outlooks'
    )
      return;
    if (typeof v === 'string')
      out.push(
        ...words(key === 'slug' || key === 'from' || key === 'to' ? v.replace(/-/g, ' ') : v),
      );
    else if (typeof v === 'number')
      out.push(...words(v >= 1000 ? v.toLocaleString('en-US') : String(v)));
    else if (Array.isArray(v)) v.forEach((x) => add(key, x));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => add(k, x));
  };
  Object.entries(record).forEach(([k, v]) => add(k, v));
  return out;
}

interface Unit {
  start: number;
  end: number;
  words: string[];
}

/** The sentences of a section's body, as code-point spans trimmed of white space and list markers. */
function units(doc: SourceText, from: number, to: number): Unit[] {
  const out: Unit[] = [];
  for (const line of doc.lines()) {
    if (line.end <= from || line.start >= to) continue;
    const text = line.text;
    const cuts = [0];
    for (const m of text.matchAll(/[.!?:]["”]?\s+(?=["“(]?[A-Z0-9$])/g))
      cuts.push((m.index ?? 0) + m[0].length);
    cuts.push(text.length);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const piece = text.slice(cuts[i], cuts[i + 1]);
      const lead =
        piece.match(/^[\s•\-–\d.]*?(?=[\p{L}"“($])/u)?.[0].length ??
        piece.length - piece.trimStart().length;
      const body = piece.slice(lead).trimEnd();
      if (!/[\p{L}\p{N}]/u.test(body)) continue;
      const start = line.start + Array.from(text.slice(0, cuts[i] + lead)).length;
      out.push({ start, end: start + Array.from(body).length, words: words(body) });
    }
  }
  return out.filter((u) => u.start >= from && u.end <= to);
}

function main(): void {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > -1 ? process.argv[at + 1] : undefined;
  };
  const sourcesDir = arg('--sources');
  if (!sourcesDir)
    throw new Error('usage: citations-anchor-cli --sources DIR [--seeds DIR] [--write] [--all]');
  const seedsDir = resolve(arg('--seeds') ?? 'seeds');
  const write = process.argv.includes('--write');
  // --fix WHERE --near WORDS: re-anchor the citations whose location contains WHERE on the sentence holding WORDS
  const fix = arg('--fix');
  const near = arg('--near');
  const through = arg('--through'); // with --near: the span runs on to the sentence holding these words

  const all = process.argv.includes('--all') || !!fix;
  const { sources } = readCitations(seedsDir);
  const { texts, problems } = loadSourceTexts(resolve(sourcesDir), sources);
  if (problems.length) throw new Error(problems.join('\n'));

  // rarity of each word across every sentence of both documents
  const df = new Map<string, number>();
  let n = 0;
  for (const doc of texts.values()) {
    for (const u of units(doc, 0, doc.points.length)) {
      n++;
      new Set(u.words).forEach((w) => df.set(w, (df.get(w) ?? 0) + 1));
    }
  }
  const idf = (w: string) => Math.log((n + 1) / ((df.get(w) ?? 0) + 1));
  const weight = (ws: Set<string>) => [...ws].reduce((s, w) => s + idf(w), 0);

  const files: string[] = [];
  const walk = (dir: string) =>
    readdirSync(dir)
      .sort()
      .forEach((name) => {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(name)) files.push(full);
      });
  walk(seedsDir);

  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const doc = parseDocument(text);
    const edits: { from: number; to: number; text: string }[] = [];
    const visit = (node: unknown, path: string): void => {
      if (isSeq(node)) node.items.forEach((item, i) => visit(item, `${path}[${i}]`));
      if (!isMap(node)) return;
      const map = node as YAMLMap;
      const cite = map.get('cite', true);
      const record = map.toJSON() as Record<string, unknown>;
      const name = `${path}${record.slug ? ` (${record.slug})` : record.from ? ` (${record.from} -> ${record.to})` : ''}`;
      if (isSeq(cite)) {
        cite.items.forEach((c, j) => {
          if (!isMap(c)) return;
          const { source, section, span } = c.toJSON() as {
            source: string;
            section: string;
            span?: unknown;
          };
          if (span && !all) return;
          const where = `${file}: ${name}.cite[${j}]`;
          if (fix && !where.includes(fix)) return;
          const src = texts.get(source);
          const bounds = src?.sections.get(section);
          if (!src || !bounds) {
            console.log(`NO-SECTION\t${file}: ${name}.cite[${j}]\t${section}`);
            return;
          }
          const own = new Set(recordWords(record));
          const naming = new Set(namingWords(record));
          const pieces = units(src, bounds.bodyStart, bounds.end);
          const us = near
            ? pieces.filter((u) =>
                normaliseSpan(src.slice(u.start, u.end)).toLowerCase().includes(near.toLowerCase()),
              )
            : pieces;
          if (near && !us.length) {
            console.log(`NOT-FOUND\t${where}`);
            return;
          }
          let best = { score: -1, start: 0, end: 0, shared: [] as string[] };
          for (let i = 0; i < us.length; i++) {
            for (let k = i; k < Math.min(us.length, i + (near ? 1 : 3)); k++) {
              if (through) {
                const last = pieces.findIndex(
                  (u) =>
                    u.start >= us[i].start &&
                    normaliseSpan(src.slice(u.start, u.end))
                      .toLowerCase()
                      .includes(through.toLowerCase()),
                );
                if (last < 0) break;
                best = { score: 1, start: us[i].start, end: pieces[last].end, shared: [] };
                break;
              }
              const ws = new Set(us.slice(i, k + 1).flatMap((u) => u.words));
              const shared = [...ws].filter((w) => own.has(w));
              // naming words found count twice as much as the record's other words
              const named =
                weight(new Set(shared.filter((w) => naming.has(w)))) / (weight(naming) || 1);
              const score =
                (2 * named + weight(new Set(shared)) / Math.sqrt(weight(ws) * weight(own) || 1)) /
                3;
              if (score > best.score) best = { score, start: us[i].start, end: us[k].end, shared };
            }
          }
          const hash = spanSha256(src.slice(best.start, best.end));
          console.log(
            `${best.score.toFixed(3)}\t${file}: ${name}.cite[${j}]\t${section}\t${best.start}-${best.end}\t${best.shared.join(',')}\t${process.argv.includes('--show') ? src.slice(best.start, best.end).replace(/\s+/g, ' ') : ''}`,
          );
          const range = c.range as [number, number, number];
          edits.push({
            from: range[0],
            to: range[1],
            text: `{ source: ${source}, section: ${JSON.stringify(section)}, span: { start: ${best.start}, end: ${best.end}, sha256: ${hash} } }`,
          });
        });
      }
      map.items.forEach((pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (key !== 'cite') visit(pair.value, `${path}.${key}`);
      });
    };
    visit(doc.contents, file.slice(seedsDir.length + 1));
    if (write && edits.length) {
      let out = text;
      for (const e of edits.sort((a, b) => b.from - a.from))
        out = out.slice(0, e.from) + e.text + out.slice(e.to);
      writeFileSync(file, out);
    }
  }
}

main();
