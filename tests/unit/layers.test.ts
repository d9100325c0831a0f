import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Case {
  path: string;
  code: string;
}

/** The import-layers messages ESLint gives each case, linted at its path with the real config. */
function lint(cases: Case[]): string[][] {
  const out = execFileSync(process.execPath, [join(ROOT, 'tests', 'support', 'lint-layers.mjs')], {
    cwd: ROOT,
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[][];
}

const at = (path: string, ...imports: string[]): Case => ({
  path,
  code: imports
    .map((spec, i) => `import { a${i} } from '${spec}';\nexport const b${i} = a${i};\n`)
    .join(''),
});

describe('Import layers (eslint/layers.mjs through eslint.config.mjs)', () => {
  const upward: Case[] = [
    at('src/core/fixture.ts', '../modules/roles/role.entity'),
    at('src/core/limits/fixture.ts', '../../seeding/loader'),
    at('src/core/fixture.ts', '../mcp/http'),
    at('src/core/fixture.ts', '../app/entities'),
    at('src/core/fixture.ts', '../schema'),
    at('src/core/fixture.ts', '../migrations'),
    at('src/modules/roles/fixture.ts', '../../app/server'),
    at('src/modules/roles/fixture.ts', '../../seeding/format'),
    at('src/modules/roles/fixture.ts', '../../mcp/server'),
    at('src/seeding/fixture.ts', '../mcp/server'),
    at('src/seeding/fixture.ts', '../app/database'),
    at('src/mcp/tools/fixture.ts', '../../seeding/loader'),
    {
      path: 'src/core/fixture.ts',
      code: "export { Role } from '../modules/roles/role.entity';\n",
    },
    {
      path: 'src/core/fixture.ts',
      code: "export const load = () => import('../seeding/loader');\n",
    },
    {
      path: 'src/core/fixture.ts',
      code: "import http = require('../mcp/http');\nexport const h = http;\n",
    },
  ];
  const allowed: Case[] = [
    at('src/core/limits/fixture.ts', '../errors', './settings', 'graphql'),
    at(
      'src/modules/roles/fixture.ts',
      '../../core/relay',
      '../skills/skill.entity',
      './role.entity',
    ),
    at('src/seeding/fixture.ts', '../modules/roles/role.entity', '../core/config', './format'),
    at('src/mcp/fixture.ts', '../modules/roles/role.entity', '../core/logger'),
    at(
      'src/app/fixture.ts',
      '../mcp/http',
      '../seeding/loader',
      '../modules/roles/role.entity',
      '../migrations',
    ),
    at('src/fixture.ts', './app/server', './core/config'),
    at('src/seeding/fixture-cli.ts', '../app/data-source'),
    at('src/mcp/stdio.ts', '../app/database'),
  ];
  // one ESLint process for every case: loading ESLint and its config is most of the time
  let linted: string[][];
  beforeAll(() => {
    linted = lint([...upward, ...allowed]);
  });

  it('should refuse imports that point up the layers, naming both layers', () => {
    const cases = linted.slice(0, upward.length);
    expect(cases.map((messages) => messages.length)).toEqual(upward.map(() => 1));
    expect(cases[0][0]).toBe(
      'core must not import from modules ("../modules/roles/role.entity"): imports point down the layers (app > mcp, seeding > modules > core; see CONTRIBUTING.md)',
    );
    expect(cases[7][0]).toMatch(/^modules must not import from seeding /);
    expect(cases[11][0]).toMatch(/^mcp must not import from seeding /);
  });

  it('should let imports point down or stay in their layer, and entry points compose', () => {
    expect(linted.slice(upward.length)).toEqual(allowed.map(() => []));
  });
});
