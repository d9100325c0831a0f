import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The rows of docs/operations.md's table of shortcuts: the file and the versions it was checked against. */
function shortcuts(): { name: string; file: string; checked: [string, string][] }[] {
  const doc = read('docs/operations.md');
  const section = doc.slice(doc.indexOf('## Shortcuts around the libraries'));
  return section
    .split('\n')
    .filter((line) => /^\| \w/.test(line) && !/^\| shortcut +\|/.test(line))
    .map((line) => {
      const [name, file, checked] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim());
      return {
        name,
        file,
        checked: checked.split(', ').map((pair) => pair.split(' ') as [string, string]),
      };
    });
}

/** The version package-lock.json installs of a direct or hoisted dependency. */
function lockedVersion(pkg: string): string | undefined {
  return JSON.parse(read('package-lock.json')).packages[`node_modules/${pkg}`]?.version;
}

/** A source file's text with comment markers and line breaks folded into single spaces. */
const prose = (source: string) => source.replace(/\n\s*(\*|\/\/)?/g, ' ').replace(/ +/g, ' ');

describe('The shortcuts around the libraries', () => {
  const rows = shortcuts();

  it('should have a row for every file of src/ that says what it was checked against, and no other', () => {
    const marked = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && read(join('src', f)).includes('Checked against: '))
      .map((f) => join('src', f))
      .sort();
    expect(rows.map((r) => r.file).sort()).toEqual(marked);
    expect(marked).toEqual(
      expect.arrayContaining(['src/core/lean-resolvers.ts', 'src/core/compiled-executor.ts']),
    );
  });

  it.each(rows.map((r) => [r.name, r] as const))(
    'should have %s re-checked when package-lock.json changes a version it was checked against',
    (_name, row) => {
      for (const [pkg, version] of row.checked) {
        expect({ pkg, version: lockedVersion(pkg) }).toEqual({ pkg, version });
      }
      const line = `Checked against: ${row.checked.map(([pkg, version]) => `${pkg} ${version}`).join(', ')}`;
      expect(prose(read(row.file))).toContain(line);
    },
  );
});
