import { EntityManager } from 'typeorm';

/** One row of the search index: a node and the text it is found by. */
interface SearchDocument {
  nodeType: string;
  slug: string;
  title: string;
  body: string;
}

const list = (json: string | null): string => (json ? (JSON.parse(json) as string[]).join('. ') : '');

/** Text each node kind is found by: its names weigh more (title) than its prose (body). */
const SOURCES: { nodeType: string; sql: string; row: (r: Record<string, string>) => [string, string] }[] = [
  { nodeType: 'Role', sql: 'SELECT slug, name, aliases, summary FROM roles', row: (r) => [`${r.name}. ${list(r.aliases)}`, r.summary] },
  {
    nodeType: 'RoleLevel',
    sql: 'SELECT slug, name, titles, summary, responsibilities FROM role_levels',
    row: (r) => [`${r.name}. ${list(r.titles)}`, `${r.summary} ${list(r.responsibilities)}`],
  },
  { nodeType: 'Skill', sql: 'SELECT slug, name, aliases, description FROM skills', row: (r) => [`${r.name}. ${list(r.aliases)}`, r.description] },
  {
    nodeType: 'Certification',
    sql: 'SELECT slug, name, aliases, description FROM certifications',
    row: (r) => [`${r.name}. ${list(r.aliases)}`, r.description],
  },
  { nodeType: 'Credential', sql: 'SELECT slug, name, best_for, how_it_helps FROM credentials', row: (r) => [r.name, `${r.best_for} ${r.how_it_helps}`] },
  { nodeType: 'Organization', sql: 'SELECT slug, name, description FROM organizations', row: (r) => [r.name, r.description ?? ''] },
  { nodeType: 'Sector', sql: 'SELECT slug, name, description FROM sectors', row: (r) => [r.name, r.description] },
  {
    nodeType: 'Employer',
    sql: 'SELECT slug, name, work_areas, internship_focus FROM employers',
    row: (r) => [r.name, `${list(r.work_areas)} ${list(r.internship_focus)}`],
  },
  { nodeType: 'Insight', sql: 'SELECT slug, title, text, points FROM insights', row: (r) => [r.title, `${r.text} ${list(r.points)}`] },
  {
    nodeType: 'InternshipKind',
    sql: 'SELECT slug, name, description, focus_areas FROM internship_kinds',
    row: (r) => [r.name, `${r.description} ${list(r.focus_areas)}`],
  },
  { nodeType: 'AdvancementPath', sql: 'SELECT slug, name, description FROM advancement_paths', row: (r) => [r.name, r.description] },
  { nodeType: 'SalaryFactor', sql: 'SELECT slug, name, description FROM salary_factors', row: (r) => [r.name, r.description] },
  { nodeType: 'Source', sql: 'SELECT slug, title, description FROM sources', row: (r) => [r.title, r.description ?? ''] },
];

/** Rebuilds the whole search index from the tables, inside the caller's transaction. */
export async function rebuildSearchIndex(em: EntityManager): Promise<void> {
  const docs: SearchDocument[] = [];
  for (const source of SOURCES) {
    const rows: Record<string, string>[] = await em.query(source.sql);
    for (const r of rows) {
      const [title, body] = source.row(r);
      docs.push({ nodeType: source.nodeType, slug: r.slug, title, body });
    }
  }
  await em.query('DELETE FROM search_documents');
  for (let i = 0; i < docs.length; i += 100) {
    const chunk = docs.slice(i, i + 100);
    const placeholders = chunk.map(() => '(?, ?, ?, ?)').join(', ');
    await em.query(
      `INSERT INTO search_documents (node_type, slug, title, body) VALUES ${placeholders}`,
      chunk.flatMap((d) => [d.nodeType, d.slug, d.title, d.body]),
    );
  }
}
