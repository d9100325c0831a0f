/**
 * The seed format, export and load of the kinds the registry marks `seed.generic`
 * (src/modules/curation/kinds.ts): a slug, the kind's API fields, its links as lists of slugs, and
 * its citations. Everything here is derived from the declaration, so such a kind needs no code of
 * its own in src/seeding.
 */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { compact } from '../core/compact';
import { MAX_CITATIONS, SLUG_PATTERN } from '../core/rules';
import { CitationInput, YearRangeInput } from '../modules/curation/common.inputs';
import { SLUG_VALIDATORS } from '../modules/curation/fields';
import { apiRule, KINDS, KindSpec } from '../modules/curation/kinds';
import { CitedType } from '../modules/sources/citation.entity';
import { yearRangeSeed } from './quantity-columns';
import { qualifierOf } from '../core/quantity';
import { TableSync } from './sync';

type Row = Record<string, unknown>;
/** A generic kind's record as read from a seed file. */
export type GenericSeed = Row & { slug: string; cite?: CitationInput[] };

/** The registered kinds that have a section of their own in seed files, in registry order. */
export const sectionKinds = (): KindSpec[] => KINDS.filter((k) => k.seed && !k.seed.partOfRole);

export const genericKinds = (): KindSpec[] => sectionKinds().filter((k) => k.seed?.generic);

export const kindOfSection = (section: string): KindSpec | undefined =>
  sectionKinds().find((k) => k.seed?.section === section);

const SLUG_MESSAGE = '$property must be lower-case words joined by hyphens, got "$value"';

/** The citations of a record: required (at least one) when the API requires them on create. */
function citeRule(required: boolean): PropertyDecorator {
  return (target, key) => {
    if (required)
      ArrayNotEmpty({ message: 'every fact needs at least one citation in cite' })(target, key);
    else IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(MAX_CITATIONS)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => CitationInput)(target, key);
  };
}

const classes = new WeakMap<KindSpec, new () => object>();

/** The seed record class of a generic kind: each field takes the API's rule (`apiRule`). */
export function genericSeedClass(spec: KindSpec): new () => object {
  const known = classes.get(spec);
  if (known) return known;
  const defaults: Row = {};
  for (const [name, field] of Object.entries(spec.fields))
    if (Array.isArray(field.default)) defaults[name] = field.default;
  for (const name of Object.keys(spec.links ?? {})) defaults[name] = [];
  const cls = {
    [`${spec.name}Seed`]: class {
      constructor() {
        for (const [name, value] of Object.entries(defaults))
          (this as Row)[name] = [...(value as unknown[])];
      }
    },
  }[`${spec.name}Seed`];
  const proto = cls.prototype as object;
  for (const v of SLUG_VALIDATORS) v(proto, 'slug');
  for (const [name, field] of Object.entries(spec.fields)) {
    if ('ref' in field.store)
      throw new Error(
        `${spec.name}.${name}: a generic seed kind cannot hold a reference field; use a link`,
      );
    apiRule(spec.name, name)(proto, name);
    if ('range' in field.store) Type(() => YearRangeInput)(proto, name);
  }
  for (const name of Object.keys(spec.links ?? {})) {
    IsArray()(proto, name);
    IsString({ each: true })(proto, name);
    Matches(SLUG_PATTERN, { each: true, message: SLUG_MESSAGE })(proto, name);
  }
  if (spec.cited) citeRule(spec.citeRequired)(proto, 'cite');
  classes.set(spec, cls);
  return cls;
}

/** Slug → id of every record of a kind. */
export type Ids = Map<string, number>;

/** A record's table row as the seed file states it. */
function rowOf(spec: KindSpec, record: GenericSeed): Row {
  const row: Row = { slug: record.slug };
  for (const [name, field] of Object.entries(spec.fields)) {
    const value = record[name];
    if ('range' in field.store) {
      const range = value as YearRangeInput | undefined;
      const [min, max] = field.store.range;
      Object.assign(row, { [min]: range?.min ?? null, [max]: range?.max ?? null });
      const [minQ, maxQ] = field.store.qualifiers ?? [];
      if (minQ) row[minQ] = qualifierOf(range?.min, range?.minQualifier);
      if (maxQ) row[maxQ] = qualifierOf(range?.max, range?.maxQualifier);
    } else if ('column' in field.store) {
      row[field.store.column] =
        value ?? (Array.isArray(field.default) ? [] : field.default) ?? null;
    }
  }
  return row;
}

/** Writes a generic kind's rows (links come later, once every kind has its ids). */
export async function writeGenericRows(
  sync: TableSync,
  spec: KindSpec,
  records: GenericSeed[],
): Promise<Ids> {
  return sync.rows(
    spec.entity as never,
    records.map((r) => rowOf(spec, r)) as never,
    (r) => r.slug as string,
  );
}

/** Writes a generic kind's links, and hands back its citations to write. */
export async function writeGenericLinks(
  sync: TableSync,
  spec: KindSpec,
  records: GenericSeed[],
  ids: (kind: string) => Ids,
): Promise<{ type: CitedType; id: number; cite: CitationInput[] }[]> {
  const own = ids(spec.name);
  const idOf = (map: Ids, slug: string) => map.get(slug) as number;
  for (const [name, link] of Object.entries(spec.links ?? {})) {
    const targets = ids(link.target);
    await sync.links(
      link.table,
      link.owner,
      link.column,
      [...own.values()],
      records.flatMap((r) =>
        (r[name] as string[]).map((s): [number, number] => [idOf(own, r.slug), idOf(targets, s)]),
      ),
    );
  }
  const type = spec.cited;
  if (!type) return [];
  return records.map((r) => ({ type, id: idOf(own, r.slug), cite: r.cite ?? [] }));
}

/** Reads a generic kind's records back in the seed format, ordered by id as the export is. */
export async function readGenericSeeds(
  em: EntityManager,
  spec: KindSpec,
  slugs: (kind: string) => Promise<Map<number, string>>,
  cite: (type: CitedType, id: number) => unknown[],
): Promise<Row[]> {
  const rows = (await em
    .getRepository(spec.entity)
    .find({ order: { id: 'ASC' } as never })) as (ObjectLiteral & { id: number; slug: string })[];
  const linked: Record<string, Map<number, string[]>> = {};
  for (const [name, link] of Object.entries(spec.links ?? {})) {
    const targetSlug = await slugs(link.target);
    const found: Row[] = await em
      .createQueryBuilder()
      .select([`l.${link.owner} AS owner`, `l.${link.column} AS target`])
      .from(link.table, 'l')
      .getRawMany();
    const map = new Map<number, string[]>();
    for (const r of found)
      map.set(Number(r.owner), [
        ...(map.get(Number(r.owner)) ?? []),
        targetSlug.get(Number(r.target)) as string,
      ]);
    for (const list of map.values()) list.sort();
    linked[name] = map;
  }
  const order = spec.seed?.order ?? [
    'slug',
    ...Object.keys(spec.fields),
    ...Object.keys(spec.links ?? {}),
    'cite',
  ];
  return rows.map((row) => {
    const values: Row = { slug: row.slug };
    for (const [name, field] of Object.entries(spec.fields)) {
      if ('range' in field.store) {
        const [min, max] = field.store.range;
        const [minQ, maxQ] = field.store.qualifiers ?? [];
        values[name] = yearRangeSeed(
          row[min] as number | null,
          (minQ ? row[minQ] : null) as never,
          row[max] as number | null,
          (maxQ ? row[maxQ] : null) as never,
        );
      } else if ('column' in field.store) values[name] = row[field.store.column];
    }
    for (const name of Object.keys(spec.links ?? {})) values[name] = linked[name].get(row.id) ?? [];
    if (spec.cited) values.cite = cite(spec.cited, row.id);
    return compact(Object.fromEntries(order.map((key) => [key, values[key]])));
  });
}

/** Where a generic kind's records refer to others by slug: each link and the kind it names. */
export const genericRefs = (spec: KindSpec): [string, string][] =>
  Object.entries(spec.links ?? {}).map(([name, link]) => [name, link.target]);
