import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseYaml } from '../../src/seeding/parse-yaml';

const SEEDS = join(__dirname, '..', '..', 'seeds');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? yamlFiles(join(dir, entry.name))
      : entry.name.endsWith('.yaml')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Texts where YAML 1.1 readers, or a careless schema, would read something else. */
const EDGES = [
  'readOn: 2026-11-30\nat: 2026-11-30T10:00:00Z',
  'a: yes\nb: no\nc: on\nd: off\ne: y\nf: true\ng: False\nh: TRUE',
  'a: ~\nb: null\nc:\nd: Null',
  'a: 0o17\nb: 0x1F\nc: 1e3\nd: .inf\ne: -.Inf\nf: .nan\ng: 012\ni: +12\nj: 3.50',
  'base: &b { x: 1 }\nother:\n  <<: *b\n  y: 2',
  'list: &l [a, b]\nagain: *l',
  'folded: >-\n  one\n  two\n\n  three\nliteral: |\n  keep\n    this\n',
  'quoted: "tab\\tand \\u00e9 and \\"q\\""\nsingle: \'it\'\'s\'',
  'a: "  spaced  "\nb: "text: with colon"\nc: "#not comment" # comment',
  'version: 1.0\ncode: "0042"\nsha: 1234567e1',
  '- one\n- two: 2\n  three: [3, {four: 4}]',
  '',
  '# only a comment',
];

describe('Seed YAML reading (src/seeding/parse-yaml.ts)', () => {
  it('should read every committed seed file exactly as the yaml package does', () => {
    const files = yamlFiles(SEEDS);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, data: parseYaml(text) }).toEqual({ file, data: parse(text) });
    }
  });

  it.each(EDGES.map((text) => [text]))('should read %j as the yaml package does', (text) => {
    expect(parseYaml(text) ?? null).toEqual(parse(text) ?? null);
  });

  it('should read digits with underscores as a number, where the yaml package reads a string (the one known difference)', () => {
    expect(parseYaml('salary: 95_000')).toEqual({ salary: 95000 });
    expect(parse('salary: 95_000')).toEqual({ salary: '95_000' });
  });

  it.each([['a: 1\na: 2'], ['b: plain text: with colon'], ['a: [1, 2'], ['a: "open'], ['\ta: 1']])(
    'should refuse %j, as the yaml package does',
    (text) => {
      expect(() => parse(text)).toThrow();
      expect(() => parseYaml(text)).toThrow();
    },
  );
});
