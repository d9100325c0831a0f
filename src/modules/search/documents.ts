import { DataSource } from 'typeorm';
import { KINDS, kindNamed, KindSpec, SEARCHED_TYPES, SearchSpec } from '../curation/kinds';

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

interface DocKind {
  nodeType: string;
  table: string;
  columns: string;
  /** Words naming the kind itself ("certification"), found like a related name. */
  label: (row: Row) => string;
  doc: (row: Row) => { name: string; aliases: string[]; related: string[]; body: string };
  links: Link[];
}

/** Names no kind's fields hold: a certification's exam codes are other names of it. */
const EXTRA_LINKS: Record<string, Link[]> = {
  Certification: [
    {
      type: 'CertificationLifecycle',
      ownNames: true,
      sql: (owners) =>
        `SELECT certification_id AS owner, '' AS slug, exam_codes AS name FROM certification_lifecycles${owners === null ? '' : ` WHERE certification_id IN (${owners})`}`,
    },
  ],
};

/** A registered kind's search declaration (src/modules/curation/kinds.ts) as table reads. */
function docKind(db: DataSource, spec: KindSpec): DocKind {
  const search = spec.search as SearchSpec;
  const meta = db.getMetadata(spec.entity);
  const columnOf = (kind: KindSpec, field: string) => {
    const store = kind.fields[field]?.store;
    const property = store && 'column' in store ? store.column : field;
    const column = db.getMetadata(kind.entity).findColumnWithPropertyName(property);
    if (!column) throw new Error(`search: ${kind.name}.${field} is not a column`);
    return column.databaseName;
  };
  const own = (field: string) => columnOf(spec, field);
  const isList = (field: string) => Array.isArray(spec.fields[field]?.type());
  const labelColumn = typeof search.label === 'string' ? null : own(search.label.field);
  const fields = [
    search.name,
    ...(search.aliases ?? []),
    ...(search.related ?? []),
    ...search.body,
  ];
  const columns = new Set([
    'id',
    'slug',
    ...(labelColumn ? [labelColumn] : []),
    ...fields.map(own),
  ]);
  const lists = (row: Row, names: string[] = []) => names.flatMap((f) => list(row[own(f)]));
  const links = (search.linked ?? []).map((name): Link => {
    const link = spec.links?.[name];
    const store = spec.fields[name]?.store;
    const target = kindNamed(link ? link.target : store && 'ref' in store ? store.ref : '');
    if (!target?.search) throw new Error(`search: ${spec.name}.${name} is not a searched link`);
    const targetTable = db.getMetadata(target.entity).tableName;
    const targetName = columnOf(target, target.search.name);
    if (link)
      return {
        type: target.name,
        sql: join(link.table, link.owner, link.column, targetTable, targetName),
      };
    return {
      type: target.name,
      sql: (owners) =>
        `SELECT l.id AS owner, t.slug AS slug, t.${targetName} AS name FROM ${meta.tableName} l JOIN ${targetTable} t ON t.id = l.${own(name)}${owners === null ? '' : ` WHERE l.id IN (${owners})`}`,
    };
  });
  return {
    nodeType: spec.name,
    table: meta.tableName,
    columns: [...columns].join(', '),
    label: (row) => (labelColumn ? words(row[labelColumn]) : (search.label as string)),
    doc: (row) => ({
      name: text(row[own(search.name)]),
      aliases: lists(row, search.aliases),
      related: lists(row, search.related),
      body: search.body
        .map((f) => (isList(f) ? list(row[own(f)]).join('. ') : text(row[own(f)])))
        .join(' '),
    }),
    links: [...links, ...(EXTRA_LINKS[spec.name] ?? [])],
  };
}

/** The node types search finds: the registered kinds that declare search text. */
export { SEARCHED_TYPES };

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
  for (const kind of KINDS.filter((k) => k.search).map((k) => docKind(db, k))) {
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
    for (const link of kind.links) {
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
