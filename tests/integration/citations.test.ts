import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normaliseSpan, sha256Hex, SourceText, spanSha256 } from '../../src/modules/sources/anchor';
import { loadSourceTexts, readCitations, verifyCitations } from '../../src/seeding/citations';

const ROOT = join(__dirname, '..', '..');
const SHARED_SOURCES = join(ROOT, '..', 'shared', 'sources');

/** A document of our own words, with two headings. */
const DOC = 'Intro\nFirst part line one. Line two here.\nSecond part\n  Only   this\tline.\n';
const OUTLINE = [
  { heading: 'Intro', level: 1 },
  { heading: 'Second part', level: 1 },
];
const at = (text: string) => ({
  start: DOC.indexOf(text),
  end: DOC.indexOf(text) + text.length,
  sha256: spanSha256(text),
});

function fixture(
  span: { start: number; end: number; sha256: string },
  section = 'Intro',
): { seeds: string; sources: string } {
  const seeds = mkdtempSync(join(tmpdir(), 'careergraph-cite-seeds-'));
  const sources = mkdtempSync(join(tmpdir(), 'careergraph-cite-sources-'));
  writeFileSync(join(sources, 'doc.txt'), DOC);
  writeFileSync(
    join(seeds, 'all.yaml'),
    JSON.stringify({
      sources: [
        { slug: 'doc', title: 'Doc', file: 'doc.txt', sha256: sha256Hex(DOC), sections: OUTLINE },
      ],
      skills: [{ slug: 'widgets', name: 'Widgets', cite: [{ source: 'doc', section, span }] }],
    }),
  );
  return { seeds, sources };
}

describe('Citation anchors', () => {
  it('should normalise white space and Unicode form before hashing', () => {
    expect(normaliseSpan('  a\n\tb  c ')).toBe('a b c');
    expect(spanSha256('Cafe\u0301 x')).toBe(spanSha256('Caf\u00e9\n x'));
    expect(spanSha256('a b')).not.toBe(spanSha256('a  c'));
  });

  it('should count offsets in code points, not UTF-16 units', () => {
    const doc = new SourceText('H\n\u{1F600} ok\n', [{ heading: 'H', level: 1 }]);
    expect(doc.check('H', { start: 2, end: 6, sha256: spanSha256('\u{1F600} ok') })).toBeNull();
  });

  it('should accept a span that exists, hashes right and lies in its section', () => {
    const { seeds, sources } = fixture(at('Line two here.'));
    expect(verifyCitations(seeds, sources)).toEqual({ checked: 1, problems: [] });
    // white space inside the span does not matter to the hash
    expect(
      verifyCitations(
        ...(Object.values(fixture(at('Only   this\tline.'), 'Second part')) as [string, string]),
      ).problems,
    ).toEqual([]);
  });

  it('should name the record and the field of an anchor that does not hold', () => {
    const good = at('Line two here.');
    const where = 'skills[0] (widgets).cite[0]';
    const problems = (span: typeof good, section?: string) => {
      const { seeds, sources } = fixture(span, section);
      return verifyCitations(seeds, sources).problems;
    };
    expect(problems({ ...good, start: good.start + 1 })).toEqual([
      expect.stringMatching(new RegExp(`all\\.yaml: ${escape(where)}\\.span\\.sha256: `)),
    ]);
    expect(problems({ ...good, end: DOC.length + 5 })).toEqual([
      expect.stringContaining(`${where}.span.end: `),
    ]);
    expect(problems(good, 'Second part')).toEqual([
      expect.stringMatching(new RegExp(`${escape(where)}\\.span: .*outside section "Second part"`)),
    ]);
    expect(problems(good, 'Nowhere')).toEqual([
      expect.stringContaining(`${where}.section: "Nowhere" is not a heading`),
    ]);
    expect(problems({ ...good, end: good.start })).toEqual([
      expect.stringContaining(`${where}.span: `),
    ]);
  });

  it("should check the sections' bounds a source lists against the document", () => {
    // a section's text starts where its heading line ends, and ends where the next heading begins
    const second = DOC.indexOf('Second part');
    const text = new SourceText(DOC, [
      { heading: 'Intro', level: 1, start: 'Intro'.length, end: second },
      { heading: 'Second part', level: 1, start: second, end: DOC.length },
    ]);
    expect(text.problems).toEqual([
      `heading "Second part": start ${second} and end ${DOC.length} are given, but its text runs from ${second + 'Second part'.length} to ${DOC.length}`,
    ]);
  });

  it('should refuse a citation with no span', () => {
    const { seeds, sources } = fixture(at('Line two here.'));
    writeFileSync(
      join(seeds, 'all.yaml'),
      readFileSync(join(seeds, 'all.yaml'), 'utf8').replace(/,"span":\{[^}]*\}/, ''),
    );
    expect(verifyCitations(seeds, sources).problems).toEqual([
      expect.stringContaining('skills[0] (widgets).cite[0].span: missing'),
    ]);
  });

  it('should cite no span twice in one record in the seeds', () => {
    // two spans of one section are fine (the loader keeps citations by place); the same one twice is a slip
    const seen = new Map<Record<string, unknown>, Set<string>>();
    const twice: string[] = [];
    for (const c of readCitations(join(ROOT, 'seeds')).citations) {
      const keys = seen.get(c.record) ?? new Set<string>();
      const key = `${c.source}:${c.section}:${c.span?.start}-${c.span?.end}`;
      if (keys.has(key)) twice.push(`${c.where}: ${key}`);
      seen.set(c.record, keys.add(key));
    }
    expect(twice).toEqual([]);
  });

  /**
   * Each seed record with its citations and the text of its cited spans joined; records citing a
   * web page (no span of a document we hold) are left out.
   */
  const seedRecordsWithCitedText = () => {
    const { sources, citations } = readCitations(join(ROOT, 'seeds'));
    const { texts } = loadSourceTexts(SHARED_SOURCES, sources);
    const byRecord = new Map<Record<string, unknown>, typeof citations>();
    for (const c of citations) byRecord.set(c.record, [...(byRecord.get(c.record) ?? []), c]);
    return [...byRecord]
      .filter(([, cites]) => cites.every((c) => c.span && texts.has(c.source)))
      .map(([record, cites]) => ({
        record,
        cites,
        cited: cites.map((c) => texts.get(c.source)!.slice(c.span!.start, c.span!.end)).join(' '),
      }));
  };

  const withSources = existsSync(SHARED_SOURCES) ? describe : describe.skip;
  withSources('against the real source documents (../shared/sources)', () => {
    it('should hold every anchor in the seeds', () => {
      const report = verifyCitations(join(ROOT, 'seeds'), SHARED_SOURCES);
      expect(report.problems).toEqual([]);
      expect(report.checked).toBeGreaterThan(500);
    });

    it('should find every figure a record states in the spans it cites', () => {
      // a record's years, pay, percentages and dates, and the numbers in its own words, are read
      // from its cited spans: a span that stops before the figure (or lands on another sentence)
      // leaves the figure resting on nothing
      const problems: string[] = [];
      for (const { record, cites, cited } of seedRecordsWithCitedText()) {
        const found = figuresIn(cited, true);
        const missing = statedFigures(record).filter(({ value }) => !found.has(value));
        for (const { field, value } of missing)
          problems.push(`${cites[0].where.replace(/\.cite\[0\]$/, '')}.${field}: ${value}`);
      }
      expect(problems).toEqual([]);
    });

    it('should share a word with its cited spans in every listed item of a record', () => {
      // a list (points, responsibilities, focus areas...) is retold item by item from its spans:
      // an item with no word of the spans at all means the span stopped before the list did
      const problems: string[] = [];
      for (const { record, cites, cited: text } of seedRecordsWithCitedText()) {
        const cited = words(text);
        for (const key of LISTS) {
          const items = Array.isArray(record[key]) ? (record[key] as unknown[]) : [];
          items.forEach((item, i) => {
            if (typeof item !== 'string') return;
            // a content word matches a cited word that starts like it ("hire" and "hiring")
            const stems = words(item)
              .filter((w) => w.length >= 4 && !STOP_WORDS.has(w))
              .map((w) => w.slice(0, Math.min(5, w.length - 1)));
            if (stems.length && !stems.some((st) => cited.some((w) => w.startsWith(st))))
              problems.push(`${cites[0].where.replace(/\.cite\[0\]$/, '')}.${key}[${i}]: ${item}`);
          });
        }
      }
      expect(problems).toEqual([]);
    });

    it('should fail, naming record and field, when one anchor is broken', () => {
      const seeds = mkdtempSync(join(tmpdir(), 'careergraph-cite-seeds-'));
      const sources = mkdtempSync(join(tmpdir(), 'careergraph-cite-sources-'));
      cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
      for (const name of readdirSync(SHARED_SOURCES))
        cpSync(join(SHARED_SOURCES, name), join(sources, name));
      // move the start of the senior level's first anchor by one character
      const file = join(seeds, 'roles', 'backend-developer.yaml');
      const { citations } = readCitations(seeds);
      const target = citations.find((c) => c.where.includes('(senior-backend-developer).cite[0]'));
      expect(target?.span).toBeDefined();
      const text = readFileSync(file, 'utf8');
      const anchor = `span: { start: ${target!.span!.start}, end: ${target!.span!.end}`;
      expect(text.split(anchor)).toHaveLength(2);
      writeFileSync(
        file,
        text.replace(
          anchor,
          `span: { start: ${target!.span!.start + 1}, end: ${target!.span!.end}`,
        ),
      );
      const report = verifyCitations(seeds, sources);
      expect(report.problems).toEqual([
        expect.stringMatching(
          /backend-developer\.yaml: roles\[0\] \(backend-developer\)\.levels\[\d\] \(senior-backend-developer\)\.cite\[0\]\.span\.sha256: /,
        ),
      ]);

      // and the command line says so with a failing exit status
      const run = () =>
        execFileSync(
          process.execPath,
          [
            '-r',
            join(ROOT, 'tests', 'helpers', 'ts-register.js'),
            join(ROOT, 'src', 'seeding', 'citations-verify-cli.ts'),
            '--sources',
            sources,
            '--seeds',
            seeds,
          ],
          { stdio: 'pipe' },
        );
      expect(run).toThrow(/senior-backend-developer\)\.cite\[0\]\.span\.sha256/);
    });
  });
});

const LISTS = ['points', 'responsibilities', 'focusAreas', 'workAreas', 'internshipFocus'];
const STOP_WORDS = new Set(
  'with from that this your their they them have what when where which into about than more most such also other only over will each used using make made like backend developer developers'.split(
    ' ',
  ),
);
const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

/** The numbers a text states: digits ($75,000 is 75000), and the number words from two up. */
function figuresIn(text: string, source = false): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) out.add(Number(m[0].replace(/,/g, '')));
  for (const m of text.toLowerCase().matchAll(/[a-z]+/g)) {
    if (m[0] in NUMBER_WORDS) out.add(NUMBER_WORDS[m[0]]);
    if (source && m[0] === 'both') out.add(2);
  }
  return out;
}

/** The figures a record states itself: its quantities, and the numbers in its own words. */
function statedFigures(record: Record<string, unknown>): { field: string; value: number }[] {
  const out: { field: string; value: number }[] = [];
  for (const key of ['yearsInLevel', 'yearsOfExperience', 'typicalYears']) {
    const range = record[key] as { min?: number; max?: number } | undefined;
    if (range?.min != null) out.push({ field: `${key}.min`, value: range.min });
    if (range?.max != null) out.push({ field: `${key}.max`, value: range.max });
  }
  // a salary band's bounds and year, an outlook's percentage and year
  for (const key of ['min', 'max', 'year', 'growthPercent', 'throughYear'])
    if (typeof record[key] === 'number') out.push({ field: key, value: record[key] as number });
  const words = [
    'name',
    'title',
    'label',
    'summary',
    'description',
    'text',
    'bestFor',
    'howItHelps',
    'points',
    'responsibilities',
    'workAreas',
    'internshipFocus',
    'focusAreas',
  ];
  for (const key of words) {
    const value = record[key];
    const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    for (const s of strings)
      if (typeof s === 'string') for (const n of figuresIn(s)) out.push({ field: key, value: n });
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
