import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode } from '../../src/core/errors';

/** The codes in the first column of the "Error codes" table of docs/security.md, in order. */
function documentedCodes(): string[] {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
  const section = doc.split('\n## Error codes\n')[1]?.split('\n#')[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
}

describe('Error codes', () => {
  it('should spell every code as its own name', () => {
    for (const [name, code] of Object.entries(ErrorCode)) expect(code).toBe(name);
  });

  it("should list every code once in docs/security.md, and only ours or Apollo Server's own", () => {
    const documented = documentedCodes();
    expect(new Set(documented).size).toBe(documented.length);
    expect(documented).toEqual(expect.arrayContaining(Object.values(ErrorCode)));
    const known = new Set<string>([
      ...Object.values(ErrorCode),
      ...Object.values(ApolloServerErrorCode),
    ]);
    expect(documented.filter((code) => !known.has(code))).toEqual([]);
  });
});
