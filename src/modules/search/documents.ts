import { DataSource } from 'typeorm';

/**
 * A node as search sees it, read from the graph's own tables: its name and aliases, the names of
 * the records around it (`related`, weighted below its own name) and its prose.
 */
export interface SearchDoc {
  /** `Type:slug`. */
  key: string;
  nodeType: string;
  slug: string;
  name: string;
  aliases: string[];
  related: string[];
  /** Words naming the node's kind ("certification", "common mistake"), found like a related name but never shown. */
  label: string;
  body: string;
  /** Keys of the records whose names are in `related`: when one changes, this document does too. */
  deps: string[];
}

type Row = Record<string, unknown> & { id: number | string; slug: string };

const list = (json: unknown): string[] =>
  typeof json === 'string' && json ? (JSON.parse(json) as string[]) : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** COMMON_MISTAKE -> "common mistake". */
const words = (value: unknown): string => text(value).toLowerCase().replace(/_/g, ' ');

/** Names of other records a kind's documents carry: `owners` is a list of ids, or null for all. */
interface Link {
  type: string;
  sql: (owners: string | null) => string;
  /** The record's own other names (a JSON list in `name`), not a related record's. */
  ownNames?: true;
}

const join =
  (
    table: string,
    owner: string,
    target: string,
    targetTable: string,
    nameColumn = 'name',
  ): Link['sql'] =>
  (owners) =>
    `SELECT l.${owner} AS owner, t.slug AS slug, t.${nameColumn} AS name FROM ${table} l JOIN ${targetTable} t ON t.id = l.${target}` +
    (owners === null ? '' : ` WHERE l.${owner} IN (${owners})`);

interface KindSpec {
  nodeType: string;
  table: string;
  columns: string;
  /** Words naming the kind itself ("certification"), found like a related name. */
  label: (row: Row) => string;
  doc: (row: Row) => { name: string; aliases: string[]; related: string[]; body: string };
  links?: Link[];
}

const KINDS: KindSpec[] = [
  {
    nodeType: 'Role',
    table: 'roles',
    columns: 'id, slug, name, aliases, summary',
    label: () => 'role',
    doc: (r) => ({
      name: text(r.name),
      aliases: list(r.aliases),
      related: [],
      body: text(r.summary),
    }),
  },
  {
    nodeType: 'RoleLevel',
    table: 'role_levels',
    columns: 'id, slug, name, titles, summary, responsibilities',
    label: () => 'level',
    doc: (r) => ({
      name: text(r.name),
      aliases: list(r.titles),
      related: [],
      body: `${text(r.summary)} ${list(r.responsibilities).join('. ')}`,
    }),
    links: [
      {
        type: 'Role',
        sql: (owners) =>
          `SELECT l.id AS owner, t.slug AS slug, t.name AS name FROM role_levels l JOIN roles t ON t.id = l.role_id${owners === null ? '' : ` WHERE l.id IN (${owners})`}`,
      },
    ],
  },
  {
    nodeType: 'Skill',
    table: 'skills',
    columns: 'id, slug, name, aliases, related_terms, description',
    label: () => 'skill',
    doc: (r) => ({
      name: text(r.name),
      aliases: list(r.aliases),
      related: list(r.related_terms),
      body: text(r.description),
    }),
    links: [
      {
        type: 'Skill',
        sql: (owners) =>
          `SELECT l.id AS owner, t.slug AS slug, t.name AS name FROM skills l JOIN skills t ON t.id = l.broader_id${owners === null ? '' : ` WHERE l.id IN (${owners})`}`,
      },
    ],
  },
  {
    nodeType: 'Certification',
    table: 'certifications',
    columns: 'id, slug, name, aliases, description',
    label: () => 'certification',
    doc: (r) => ({
      name: text(r.name),
      aliases: list(r.aliases),
      related: [],
      body: text(r.description),
    }),
    links: [
      {
        type: 'Organization',
        sql: (owners) =>
          `SELECT l.id AS owner, t.slug AS slug, t.name AS name FROM certifications l JOIN organizations t ON t.id = l.issuer_id${owners === null ? '' : ` WHERE l.id IN (${owners})`}`,
      },
      {
        type: 'Skill',
        sql: join('certification_skills', 'certification_id', 'skill_id', 'skills'),
      },
      {
        type: 'CertificationLifecycle',
        ownNames: true,
        sql: (owners) =>
          `SELECT certification_id AS owner, '' AS slug, exam_codes AS name FROM certification_lifecycles${owners === null ? '' : ` WHERE certification_id IN (${owners})`}`,
      },
    ],
  },
  {
    nodeType: 'Credential',
    table: 'credentials',
    columns: 'id, slug, name, best_for, how_it_helps',
    label: () => 'credential',
    doc: (r) => ({
      name: text(r.name),
      aliases: [],
      related: [],
      body: `${text(r.best_for)} ${text(r.how_it_helps)}`,
    }),
  },
  {
    nodeType: 'Organization',
    table: 'organizations',
    columns: 'id, slug, name, description',
    label: () => 'organization',
    doc: (r) => ({ name: text(r.name), aliases: [], related: [], body: text(r.description) }),
  },
  {
    nodeType: 'Sector',
    table: 'sectors',
    columns: 'id, slug, name, description',
    label: () => 'sector',
    doc: (r) => ({ name: text(r.name), aliases: [], related: [], body: text(r.description) }),
  },
  {
    nodeType: 'Employer',
    table: 'employers',
    columns: 'id, slug, name, work_areas, internship_focus',
    label: () => 'employer',
    doc: (r) => ({
      name: text(r.name),
      aliases: [],
      related: list(r.work_areas),
      body: list(r.internship_focus).join('. '),
    }),
    links: [
      { type: 'Sector', sql: join('employer_sectors', 'employer_id', 'sector_id', 'sectors') },
    ],
  },
  {
    nodeType: 'Insight',
    table: 'insights',
    columns: 'id, slug, kind, title, text, points',
    label: (r) => words(r.kind),
    doc: (r) => ({
      name: text(r.title),
      aliases: [],
      related: [],
      body: `${text(r.text)} ${list(r.points).join('. ')}`,
    }),
  },
  {
    nodeType: 'InternshipKind',
    table: 'internship_kinds',
    columns: 'id, slug, name, description, focus_areas',
    label: () => 'internship',
    doc: (r) => ({
      name: text(r.name),
      aliases: [],
      related: [],
      body: `${text(r.description)} ${list(r.focus_areas).join('. ')}`,
    }),
    links: [
      {
        type: 'Sector',
        sql: join('internship_kind_sectors', 'internship_kind_id', 'sector_id', 'sectors'),
      },
    ],
  },
  {
    nodeType: 'AdvancementPath',
    table: 'advancement_paths',
    columns: 'id, slug, name, description',
    label: () => 'advancement path',
    doc: (r) => ({ name: text(r.name), aliases: [], related: [], body: text(r.description) }),
  },
  {
    nodeType: 'SalaryFactor',
    table: 'salary_factors',
    columns: 'id, slug, name, description',
    label: () => 'salary factor',
    doc: (r) => ({ name: text(r.name), aliases: [], related: [], body: text(r.description) }),
  },
  {
    nodeType: 'Source',
    table: 'sources',
    columns: 'id, slug, title, description',
    label: () => 'source',
    doc: (r) => ({ name: text(r.title), aliases: [], related: [], body: text(r.description) }),
  },
];

/** The node types search finds. */
export const SEARCHED_TYPES: ReadonlySet<string> = new Set(KINDS.map((k) => k.nodeType));

/** Slugs per query, so that a long list of keys never makes one huge statement. */
const CHUNK = 200;

/**
 * The documents of every searched node (`keys` absent), or of the nodes with these `Type:slug`
 * keys; a key whose record no longer exists is simply absent from the answer.
 */
export async function loadDocuments(db: DataSource, keys?: Iterable<string>): Promise<SearchDoc[]> {
  const wanted = new Map<string, string[]>();
  if (keys) {
    for (const key of keys) {
      const at = key.indexOf(':');
      const type = key.slice(0, at);
      if (SEARCHED_TYPES.has(type))
        wanted.set(type, [...(wanted.get(type) ?? []), key.slice(at + 1)]);
    }
  }
  const docs: SearchDoc[] = [];
  for (const kind of KINDS) {
    if (keys && !wanted.has(kind.nodeType)) continue;
    const slugs = wanted.get(kind.nodeType);
    const rows: Row[] = [];
    if (!slugs) rows.push(...(await db.query(`SELECT ${kind.columns} FROM ${kind.table}`)));
    for (let i = 0; slugs && i < slugs.length; i += CHUNK) {
      // raw queries go to the primary, as the graph version does (a replica may lag behind it)
      const chunk = slugs.slice(i, i + CHUNK);
      const marks = chunk
        .map((_, j) => (db.options.type === 'postgres' ? `$${j + 1}` : '?'))
        .join(', ');
      rows.push(
        ...(await db.query(
          `SELECT ${kind.columns} FROM ${kind.table} WHERE slug IN (${marks})`,
          chunk,
        )),
      );
    }
    if (!rows.length) continue;
    const linked = new Map<string, { type: string; slug: string; name: string }[]>();
    const ownNames = new Map<string, string[]>();
    for (const link of kind.links ?? []) {
      const owners = slugs ? rows.map((r) => Number(r.id)).join(', ') : null;
      const found: { owner: number | string; slug: string; name: string }[] = await db.query(
        link.sql(owners),
      );
      for (const f of found) {
        const id = String(f.owner);
        if (link.ownNames) ownNames.set(id, [...(ownNames.get(id) ?? []), ...list(f.name)]);
        else
          linked.set(id, [
            ...(linked.get(id) ?? []),
            { type: link.type, slug: f.slug, name: f.name },
          ]);
      }
    }
    for (const row of rows) {
      const own = kind.doc(row);
      const links = (linked.get(String(row.id)) ?? []).sort((a, b) =>
        a.type + a.slug < b.type + b.slug ? -1 : 1,
      );
      docs.push({
        key: `${kind.nodeType}:${row.slug}`,
        nodeType: kind.nodeType,
        slug: row.slug,
        ...own,
        aliases: [...own.aliases, ...(ownNames.get(String(row.id)) ?? [])],
        related: [...links.map((l) => l.name), ...own.related],
        label: kind.label(row),
        deps: links.map((l) => `${l.type}:${l.slug}`),
      });
    }
  }
  return docs;
}
