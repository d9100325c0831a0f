import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/core/config';

const ROOT = join(__dirname, '..', '..');

/** The variables named in the first column of a markdown table (`A`, or `A`, `B` in one cell). */
function tableVariables(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) =>
    [...m[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((v) => v[1]),
  );
}

/** Every environment variable the configuration loader reads, found by handing it an empty environment that records each read. */
function variablesRead(): string[] {
  const read = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, key) {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  loadConfig(env);
  return [...read].sort();
}

describe('The configuration documentation', () => {
  it('should list every variable the server reads in docs/configuration.md, and none it does not read', () => {
    const documented = tableVariables('docs/configuration.md');
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(variablesRead());
  });

  it("should show in the README's essentials only variables of the full table", () => {
    const essentials = tableVariables('README.md');
    expect(essentials.length).toBeGreaterThanOrEqual(5);
    expect(
      essentials.filter((name) => !tableVariables('docs/configuration.md').includes(name)),
    ).toEqual([]);
  });
});
