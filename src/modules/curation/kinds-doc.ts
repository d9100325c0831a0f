import { MAX_CITATIONS } from '../../core/rules';
import { KINDS, KindSpec } from './kinds';

/** docs/data-format.md holds this text between these two lines (tests/unit/kinds-doc.test.ts). */
export const KINDS_DOC_BEGIN =
  '<!-- kinds:begin (generated from src/modules/curation/kinds.ts) -->';
export const KINDS_DOC_END = '<!-- kinds:end -->';

const code = (text: string) => `\`${text}\``;

function where(spec: KindSpec): string {
  const seed = spec.seed;
  if (!seed) return 'not in seed files';
  if (seed.partOfRole) return `inside a role's record, under ${code(seed.section)}`;
  const file = seed.file ? `exported to ${code(seed.file)}` : 'exported one file per record';
  const codec = seed.generic ? 'read and written from this declaration alone' : 'own seeding code';
  return `section ${code(seed.section)}, ${file}; ${codec}`;
}

function citeRule(spec: KindSpec): string {
  if (!spec.cited) return 'carries no citations';
  const count = `at most ${MAX_CITATIONS}`;
  return spec.citeRequired ? `required, 1 to ${MAX_CITATIONS}` : `optional, ${count}`;
}

function searchText(spec: KindSpec): string {
  const s = spec.search;
  if (!s) return 'not searched';
  const list = (fields: string[] | undefined) => (fields ?? []).map(code).join(', ');
  const parts = [
    `name ${code(s.name)}`,
    s.aliases?.length ? `other names ${list(s.aliases)}` : '',
    s.related?.length || s.linked?.length
      ? `related names ${list([...(s.related ?? []), ...(s.linked ?? [])])}`
      : '',
    `prose ${list(s.body)}`,
    typeof s.label === 'string'
      ? `kind word "${s.label}"`
      : `kind word from ${code(s.label.field)}`,
  ];
  return parts.filter(Boolean).join('; ');
}

/** One Markdown section per registered kind: its fields and their limits, links, citations, search. */
export function kindsReference(kinds: KindSpec[] = KINDS): string {
  const out: string[] = [];
  for (const spec of kinds) {
    out.push(`#### ${spec.name}`, '');
    out.push(`- seed files: ${where(spec)}`);
    out.push(
      `- ${code('slug')}: required; lower-case words joined by hyphens, up to 120 characters`,
    );
    for (const [name, field] of Object.entries(spec.fields)) {
      const need = field.required ? 'required' : 'optional';
      out.push(`- ${code(name)}: ${need}; ${field.rule ?? 'see the API schema'}`);
    }
    for (const [name, link] of Object.entries(spec.links ?? {}))
      out.push(`- ${code(name)}: list of ${link.target} slugs (link table ${code(link.table)})`);
    out.push(`- ${code('cite')}: ${citeRule(spec)}`);
    out.push(`- search: ${searchText(spec)}`, '');
  }
  return out.join('\n');
}
