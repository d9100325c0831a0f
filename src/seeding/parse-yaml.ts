import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * A seed file's text as plain data, under YAML 1.2's core schema: what the `yaml` package's
 * `parse` gives (dates stay strings, `<<` is an ordinary key, a repeated key is an error), at
 * about a fifth of its CPU. One known difference: `95_000` is the number 95000 here, the string
 * "95_000" there. Every seed run, server start on an empty database and test that
 * seeds reads every file, so the reader is worth the second library; writing (export, the
 * comment-keeping edits of export-changes.ts) stays on `yaml`.
 * tests/unit/parse-yaml.test.ts holds the two parsers to the same answers.
 */
export function parseYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}
