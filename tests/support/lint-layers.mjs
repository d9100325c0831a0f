// Lints source text as if it sat at a path of src/, with the repository's own eslint.config.mjs
// (type-aware rules off, as the text is not in the TypeScript project), and prints the messages
// of the import-layers rule as JSON, one list per case (`npm run lint` checks the real tree).
// Run by tests/unit/layers.test.ts in a process of its own (ESLint loads its config as ESM).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE = 'layers/imports-point-down';
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [tseslint.configs.disableTypeChecked],
  // only the rule under test runs: the other rules' verdicts on these fixtures are not read
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});
const input = JSON.parse(readFileSync(0, 'utf8'));

const cases = [];
for (const { path, code } of input.cases) {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${path}: ${fatal.map((m) => m.message).join('; ')}`);
  cases.push(result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message));
}
process.stdout.write(JSON.stringify(cases));
