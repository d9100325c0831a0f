import { kindNamed } from './kinds';
import { EntityManager, EntityMetadata, EntityTarget, In, ObjectLiteral } from 'typeorm';
import {
  bumpGraphVersion,
  graphVersionWatcherOf,
  lockGraphForWrite,
} from '../../core/cache/graph-version';
import { Context } from '../../core/context';
import { InputProblems } from '../../core/input-problems';
import { badInput, echo } from '../../core/errors';
import { runWrite } from '../../core/writes';
import { Organization } from '../certifications/organization.entity';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { Basis } from '../../core/basis';
import { RoleLevel } from '../roles/role-level.entity';
import { Role } from '../roles/role.entity';
import { Skill } from '../skills/skill.entity';
import { Citation, CITED_TYPES, CitedType } from '../sources/citation.entity';
import { Bounds, BoundQualifier, boundsProblem, qualifierOf } from '../../core/quantity';
import { CitationRef, outsideSection } from '../sources/anchor';
import { spanColumns, spanSeed } from '../sources/anchor-columns';
import { Source } from '../sources/source.entity';
import { ChangeType } from '../changes/change.entity';
import { FeedEntry, recordChanges, recordedIn, startRecording } from '../changes/change-feed';
import { noteCommitted } from '../../core/graph-snapshot';
import { AuditEntry } from './audit-entry.entity';
import { RecordProvenance } from './record-provenance.entity';
import { conflict } from './curation.errors';
import { FieldSpec, RefTarget } from './fields';

const REF_ENTITIES: Record<RefTarget, { new (): ObjectLiteral }> = {
  Role,
  RoleLevel,
  Skill,
  Organization,
  AdvancementPath,
};

type Input = Record<string, unknown>;

/**
 * Turns input fields into column values, resolving slugs to ids; names the field at fault. A
 * create (`withDefaults`) stores each left-out field's default.
 */
export async function columnsFrom(
  em: EntityManager,
  fields: Record<string, FieldSpec>,
  input: Input,
  path: string,
  withDefaults = false,
): Promise<Record<string, unknown>> {
  const row: Record<string, unknown> = {};
  const problems = new InputProblems();
  for (const [key, f] of Object.entries(fields)) {
    const value = input[key] === undefined && withDefaults ? f.default : input[key];
    if (value === undefined) continue;
    await problems.run(() => columnOf(em, row, key, f, value, path));
  }
  problems.done();
  return row;
}

/** Puts one input field's value into `row`, as its column or columns. */
async function columnOf(
  em: EntityManager,
  row: Record<string, unknown>,
  key: string,
  f: FieldSpec,
  value: unknown,
  path: string,
): Promise<void> {
  if (value === null && f.required) throw badInput(`${path}.${key}`, `${key} cannot be cleared`);
  if ('column' in f.store && !('ref' in f.store)) row[f.store.column] = value;
  else if ('range' in f.store) {
    const range = value as { min?: number | null; max?: number | null } | null;
    row[f.store.range[0]] = range?.min ?? null;
    row[f.store.range[1]] = range?.max ?? null;
    if (f.store.qualifiers) {
      row[f.store.qualifiers[0]] = qualifierOf(
        range?.min,
        (range as { minQualifier?: BoundQualifier } | null)?.minQualifier,
      );
      row[f.store.qualifiers[1]] = qualifierOf(
        range?.max,
        (range as { maxQualifier?: BoundQualifier } | null)?.maxQualifier,
      );
    }
  } else if ('ref' in f.store) {
    row[f.store.column] =
      value === null ? null : await idOf(em, f.store.ref, value as string, `${path}.${key}`);
  }
}

/** The id of the record of `target` with this slug; BAD_USER_INPUT naming `field` when none. */
export async function idOf(
  em: EntityManager,
  target: RefTarget,
  slug: string,
  field: string,
): Promise<number> {
  const found = await em.getRepository(REF_ENTITIES[target]).findOne({ where: { slug } });
  if (!found) throw badInput(field, `No ${target} has slug "${slug}"`);
  return found.id as number;
}

/**
 * The source a citation names; BAD_USER_INPUT naming the citation's field (`at` is its path, such
 * as input.cite[0]) when no source has the slug, the section is not one of its headings, or the
 * span lies outside that section (where Source.sections knows where it lies).
 */
async function citedSource(em: EntityManager, c: CitationRef, at: string): Promise<Source> {
  const source = await em.getRepository(Source).findOne({ where: { slug: c.source } });
  if (!source) throw badInput(`${at}.source`, `No source has slug "${echo(c.source)}"`);
  const section = source.sections?.find((h) => h.heading === c.section);
  if (source.sections?.length && !section)
    throw badInput(
      `${at}.section`,
      `"${echo(c.section)}" is not a heading of source "${c.source}" (its Source.sections)`,
    );
  const outside = section && c.span ? outsideSection(section, c.span) : null;
  if (outside) throw badInput(`${at}.span`, `${outside} (its Source.sections)`);
  return source;
}

/** The citations of the provenance a write gives (its columns, `row`), checked as citedSource checks them. */
export async function checkProvenanceCites(
  em: EntityManager,
  row: Record<string, unknown>,
  path: string,
): Promise<void> {
  const provenance = row.provenanceList as { cite?: CiteInput }[] | null | undefined;
  const problems = new InputProblems();
  for (const [j, entry] of (provenance ?? []).entries())
    for (const [i, c] of (entry.cite ?? []).entries())
      await problems.run(() => citedSource(em, c, `${path}.provenance[${j}].cite[${i}]`));
  problems.done();
}

/** A record's citations, each with the source it names, every bad one reported at once. */
export interface CheckedCites {
  cite: CiteInput;
  sources: Source[];
}

/** Checks a record's citations; unknown sources, headings and spans are BAD_USER_INPUT naming the entry. */
export async function checkCites(
  em: EntityManager,
  cite: CiteInput,
  path: string,
): Promise<CheckedCites> {
  const problems = new InputProblems();
  const sources: Source[] = [];
  for (const [i, c] of cite.entries()) {
    const source = await problems.run(() => citedSource(em, c, `${path}.cite[${i}]`));
    if (source) sources.push(source);
  }
  problems.done();
  return { cite, sources };
}

/** Replaces a record's citations with citations checked by checkCites. */
export async function replaceCitations(
  em: EntityManager,
  type: CitedType,
  id: number,
  { cite, sources }: CheckedCites,
) {
  const rows = cite.map((c, i) => ({
    subjectType: type,
    subjectId: id,
    sourceId: sources[i].id,
    section: c.section,
    position: i,
    ...spanColumns(c.span),
  }));
  await em.getRepository(Citation).delete({ subjectType: type, subjectId: id });
  if (rows.length) await em.getRepository(Citation).insert(rows);
}

/** Replaces a record's citations; unknown sources are BAD_USER_INPUT naming the entry. */
export async function writeCitations(
  em: EntityManager,
  type: CitedType,
  id: number,
  cite: CiteInput,
  path: string,
) {
  await replaceCitations(em, type, id, await checkCites(em, cite, path));
}

/** A record and its citations as plain data, for the audit log. */
export async function snapshot(
  em: EntityManager,
  record: ObjectLiteral | null,
  cited: CitedType | null,
): Promise<unknown> {
  if (!record) return null;
  const plain = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  if (cited) {
    const cites = await em
      .getRepository(Citation)
      .find({ where: { subjectType: cited, subjectId: record.id }, order: { position: 'ASC' } });
    const sourceIds = [...new Set(cites.map((c) => c.sourceId))];
    const sources = new Map(
      (sourceIds.length ? await em.getRepository(Source).findBy({ id: In(sourceIds) }) : []).map(
        (s) => [s.id, s.slug],
      ),
    );
    plain.cite = cites.map((c) => ({
      source: sources.get(c.sourceId),
      section: c.section,
      ...spanSeed(c),
    }));
  }
  return plain;
}

/** `work`, preceded by taking the write lock (see lockGraphForWrite). */
const lockingFirst =
  <T>(work: (em: EntityManager) => Promise<T>) =>
  async (em: EntityManager): Promise<T> => {
    await lockGraphForWrite(em);
    return work(em);
  };

/**
 * Runs one write in its own transaction, through the process's write path (src/core/writes):
 * committed and durable, or refused with a code; whatever the request reads afterwards sees it.
 */
export async function writeTransaction<T>(
  ctx: Context,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const locked = lockingFirst(work); // so a write waits for a seed run in another process instead of failing
  let recorded = new Map<number, FeedEntry[]>();
  try {
    const result = await runWrite(ctx.db, async (em) => {
      startRecording(em);
      try {
        return await locked(em);
      } finally {
        recorded = recordedIn(em); // handed on only if the transaction commits (below)
      }
    });
    noteCommitted(ctx.db, recorded); // the feed's rows of the versions this write made, read back by nobody
    return result;
  } finally {
    // a failed read here is caught up by the watcher's next poll, which reports it
    await graphVersionWatcherOf(ctx.db)
      ?.refresh()
      .catch(() => undefined);
    ctx.loaders.reset();
  }
}

/** The seedable record a write changes: its kind and key, and whether the write deleted it. */
export interface WrittenRecord {
  kind: string;
  key: string;
  deleted: boolean;
}

/**
 * Records one accepted write, and that the record it changed (`record`, by default the subject)
 * now holds the API's content: the next seed run keeps it unless its file changed too.
 */
export async function audit(
  em: EntityManager,
  ctx: Context,
  action: string,
  subjectType: string,
  subjectKey: string,
  before: unknown,
  after: unknown,
  record: WrittenRecord = { kind: subjectType, key: subjectKey, deleted: after === null },
) {
  const entry: Partial<AuditEntry> = {
    at: new Date(),
    actor: ctx.auth?.name ?? 'unknown',
    actorKey: ctx.auth?.prefix ?? '',
    action,
    subjectType,
    subjectKey,
    before: before ?? null,
    after: after ?? null,
    requestId: ctx.requestId,
  };
  const { identifiers } = await em.getRepository(AuditEntry).insert(entry as never);
  // Repository.upsert reads the row back (a statement per write) for its defaulted columns; the seed
  // hash and file are left as they are, so a seed run still sees what its last run wrote
  await em
    .createQueryBuilder()
    .insert()
    .into(RecordProvenance)
    .values({
      kind: record.kind,
      recordKey: record.key,
      origin: 'api',
      auditId: identifiers[0].id as number,
      deleted: record.deleted,
    })
    .orUpdate(['origin', 'audit_id', 'deleted'], ['kind', 'record_key'])
    .updateEntity(false)
    .execute();
  // every accepted write is audited, in its transaction: the graph version moves on with it, so
  // no replica answers from a cached response of the graph before this write (src/core/cache)
  await bumpGraphVersion(em);
  // the public feed names the record, never who changed it (that stays in the admin's audit log)
  const ownRecord = record.kind === subjectType && record.key === subjectKey;
  const change = record.deleted
    ? ChangeType.DELETED
    : ownRecord && before == null
      ? ChangeType.CREATED
      : ChangeType.UPDATED;
  await recordChanges(em, [{ kind: record.kind, key: record.key, change }]);
}

/**
 * What every write does before it commits. The search index is not among it: each process updates
 * its own from the change feed at the next request (src/modules/search).
 */
export async function afterWrite(
  em: EntityManager,
  options: { deleted: CitedRecords | false },
): Promise<void> {
  if (options.deleted) await dropCitations(em, options.deleted);
}

/** The cited type a table's rows are: entities carry the name of the type their citations name. */
const citedTypeOf = (table: EntityMetadata): CitedType | undefined =>
  (CITED_TYPES as readonly string[]).includes(table.name) || kindNamed(table.name)?.cited
    ? (table.name as CitedType)
    : undefined;

/** Cited records by type: those a deletion takes with it. */
export type CitedRecords = Map<CitedType, number[]>;

/**
 * The cited records deleting row `id` of `entity` removes: the row itself and every row the
 * database deletes with it (ON DELETE CASCADE, followed through the entities' foreign keys, such
 * as a role's levels and their transitions). Call it before deleting: their citations name them
 * by type and id with no foreign key, so dropCitations removes those afterwards.
 */
export async function citedCascade(
  em: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  id: number,
): Promise<CitedRecords> {
  const found: CitedRecords = new Map();
  const metadatas = em.connection.entityMetadatas;
  const frontier: [EntityMetadata, number[]][] = [[em.connection.getMetadata(entity), [id]]];
  while (frontier.length) {
    const [table, ids] = frontier.pop() as [EntityMetadata, number[]];
    const type = citedTypeOf(table);
    if (type) found.set(type, [...(found.get(type) ?? []), ...ids]);
    for (const child of metadatas) {
      if (child.isJunction || !carriesCitations(child, metadatas)) continue;
      for (const fk of child.foreignKeys) {
        if (fk.referencedEntityMetadata !== table || fk.onDelete !== 'CASCADE') continue;
        const rows: { id: number | string }[] = await em
          .createQueryBuilder()
          .select('c.id', 'id')
          .from(child.tableName, 'c')
          .where(`c.${fk.columnNames[0]} IN (:...ids)`, { ids })
          .getRawMany();
        if (rows.length) frontier.push([child, rows.map((r) => Number(r.id))]);
      }
    }
  }
  return found;
}

/** Whether `table`'s rows, or rows deleted with them, can have citations. */
function carriesCitations(
  table: EntityMetadata,
  metadatas: EntityMetadata[],
  seen = new Set<EntityMetadata>(),
): boolean {
  if (citedTypeOf(table)) return true;
  seen.add(table);
  return metadatas.some(
    (m) =>
      !seen.has(m) &&
      m.foreignKeys.some(
        (fk) => fk.referencedEntityMetadata === table && fk.onDelete === 'CASCADE',
      ) &&
      carriesCitations(m, metadatas, seen),
  );
}

/** Deletes the citations of records a write deleted. */
async function dropCitations(em: EntityManager, records: CitedRecords): Promise<void> {
  for (const [type, ids] of records) {
    for (let i = 0; i < ids.length; i += 500) {
      await em
        .createQueryBuilder()
        .delete()
        .from(Citation)
        .where('subject_type = :type AND subject_id IN (:...ids)', {
          type,
          ids: ids.slice(i, i + 500),
        })
        .execute();
    }
  }
}

type CiteInput = CitationRef[];

/**
 * A career direction's basis and its evidence: STATED needs at least one citation, each with a
 * span; EDITORIAL needs a rationale; DERIVED is no basis a direction can have. `cite` is what the
 * write leaves in place (the record's own when the write does not replace them).
 */
async function checkDirection(
  em: EntityManager,
  row: Record<string, unknown>,
  selfId: number | null,
  cite: CiteInput | undefined,
  path: string,
) {
  if (row.fromRoleId === row.toRoleId)
    throw badInput(`${path}.to`, 'A direction cannot lead to the role it starts from');
  if (row.basis === Basis.DERIVED)
    throw badInput(
      `${path}.basis`,
      "A direction is STATED (a cited span names it) or EDITORIAL (a curator's judgement), never DERIVED",
    );
  const rationale = typeof row.rationale === 'string' ? row.rationale.trim() : '';
  if (row.basis === Basis.EDITORIAL && !rationale)
    throw badInput(
      `${path}.rationale`,
      'An EDITORIAL direction needs a rationale saying why a curator added it',
    );
  if (row.basis !== Basis.STATED) return;
  let kept: { span?: unknown }[] = cite ?? [];
  if (cite === undefined && selfId != null) {
    kept = (
      await em
        .getRepository(Citation)
        .find({ where: { subjectType: 'CareerDirection', subjectId: selfId } })
    ).map((c) => ({ span: c.spanStart == null ? null : c }));
  }
  if (kept.length === 0)
    throw badInput(
      `${path}.cite`,
      'A STATED direction needs a citation whose span names the destination',
    );
  const unanchored = kept.findIndex((c) => c.span == null);
  if (unanchored >= 0)
    throw badInput(
      `${path}.cite[${unanchored}].span`,
      'A STATED direction cites a span: give start, end and sha256',
    );
}

/**
 * An update must name a field to change: an empty `changes` would still move the record's
 * version, log an audit entry and a change, and make the record the API's (a seed edit to it then
 * a conflict), for nothing.
 */
export function requireSomeChange(changes: object): void {
  if (!Object.values(changes).some((value) => value !== undefined))
    throw badInput('input.changes', 'changes names no field: give at least one field to change');
}

/** Kind-specific rules the columns alone cannot express. */
export async function checkRules(
  em: EntityManager,
  kind: string,
  row: Record<string, unknown>,
  selfId: number | null,
  path: string,
  cite?: CiteInput,
) {
  if (kind === 'CareerDirection') await checkDirection(em, row, selfId, cite, path);
  if (kind === 'SalaryBand' && row.levelId != null) {
    const level = await em
      .getRepository(RoleLevel)
      .findOne({ where: { id: row.levelId as number } });
    if (level && level.roleId !== row.roleId)
      throw badInput(`${path}.level`, 'level must be one of the levels of role');
  }
  if (kind === 'SalaryBand') {
    // a qualifier or orMore that its bounds cannot carry (clearing a bound means clearing its qualifier too)
    const problem = boundsProblem(row as Partial<Bounds>);
    if (problem) throw badInput(`${path}.${problem.field}`, problem.message);
    if (row.min != null) row.minQualifier ??= BoundQualifier.EXACT;
    if (row.max != null) row.maxQualifier ??= BoundQualifier.EXACT;
  }
  if (kind === 'Skill' && selfId != null && row.broaderId != null)
    await checkBroaderChain(em, selfId, row.broaderId as number, path);
  if (kind === 'RoleLevel') {
    const clash = await em
      .getRepository(RoleLevel)
      .findOne({ where: { roleId: row.roleId as number, rank: row.rank as number } });
    if (clash && clash.id !== selfId)
      throw conflict(`${path}.rank`, `Rank ${row.rank} is already taken by level "${clash.slug}"`);
  }
}

/**
 * A skill's broader chain must end: one that led back to the skill would make every export a
 * seed set the loader refuses (src/seeding/references.ts) and loop the skill's narrower list.
 * Walked within the write's transaction, a statement a step (chains are a few skills long).
 */
async function checkBroaderChain(
  em: EntityManager,
  selfId: number,
  broaderId: number,
  path: string,
) {
  const seen = new Set<number>();
  for (let id: number | null = broaderId; id != null && !seen.has(id);) {
    if (id === selfId)
      throw badInput(
        `${path}.broader`,
        'broader would make the skill part of itself: its broader chain would lead back to it',
      );
    seen.add(id);
    const next: Pick<Skill, 'broaderId'> | null = await em
      .getRepository(Skill)
      .findOne({ where: { id }, select: { broaderId: true } });
    id = next?.broaderId ?? null;
  }
}

/** Turns a foreign-key refusal into CONFLICT: the record is still referenced. */
export function referencedConflict(err: unknown, what: string): never {
  const message = String((err as Error)?.message ?? err);
  if (/FOREIGN KEY|foreign key/i.test(message)) {
    throw conflict(
      'input',
      `${what} is still referenced by other records (for example certifications issued by it); remove those first`,
    );
  }
  throw err;
}
