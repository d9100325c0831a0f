import { plainToInstance } from 'class-transformer';
import { EntityManager, In } from 'typeorm';
import { lockGraphForWrite } from '../core/cache/graph-version';
import { AuditEntry } from '../modules/curation/audit-entry.entity';
import { RecordProvenance } from '../modules/curation/record-provenance.entity';
import { ChangeType } from '../modules/changes/change.entity';
import { FeedEntry, recordChanges } from '../modules/changes/change-feed';
import { readGraphSeeds } from './export';
import { seedClasses, SeedKind, SeedSet } from './format';
import { genericKinds, genericRefs } from './generic-kinds';
import { writeSeedSet } from './loader';
import { ReadSeeds } from './read';
import { SyncReport } from './sync';
import { canonicalOf, hashOf, isRolePart, setOf, Unit, unitId, unitsOf } from './units';

type Row = Record<string, unknown>;

export interface SeedOptions {
  /** Files win: today's behaviour before merging existed; what it overwrote is listed. */
  force?: boolean;
  /** Who ran the seed, for the audit log. */
  actor?: string;
}

/** The audit entry of the API write a record's current content comes from. */
export interface AuditRef {
  id: number;
  actor: string;
  action: string;
  at: string;
}

export interface FieldDiff {
  field: string;
  file: unknown;
  database: unknown;
}

/** A record both its file and the API changed: left as the database has it. */
export interface SeedConflict {
  file: string | null;
  record: string;
  reason: string;
  fields: FieldDiff[];
  audit: AuditRef | null;
}

/** A record `--force` gave its file's content although the API had written it. */
export interface Overwrite {
  file: string | null;
  record: string;
  fields: FieldDiff[];
  audit: AuditRef | null;
}

export interface SeedReport extends SyncReport {
  /** Records given their file's content (or removed with it from a role's file). */
  applied: number;
  /** Records the API changed (or deleted) whose file did not change: the API's version stays. */
  kept: number;
  /** Records whose file matched the database already. */
  unchanged: number;
  conflicts: SeedConflict[];
  overwritten: Overwrite[];
}

/** Where each record of a kind with its own seeding code refers to others by slug, and the kind it names. */
const REFS: Record<string, [string, string][]> = {
  Skill: [['broader', 'Skill']],
  Certification: [
    ['issuer', 'Organization'],
    ['skills', 'Skill'],
    ['roles', 'Role'],
    ['levels', 'RoleLevel'],
  ],
  Credential: [['roles', 'Role']],
  Role: [
    ['related', 'Role'],
    ['skills', 'Skill'],
  ],
  RoleLevel: [['skills', 'Skill']],
  SalaryBand: [['level', 'RoleLevel']],
  CareerTransition: [
    ['from', 'RoleLevel'],
    ['to', 'RoleLevel'],
    ['skillsToGain', 'Skill'],
  ],
  CareerDirection: [
    ['from', 'Role'],
    ['to', 'Role'],
    ['advancementPath', 'AdvancementPath'],
  ],
  Occupation: [
    ['classification', 'Source'],
    ['roles', 'Role'],
  ],
  CertificationLifecycle: [
    ['certification', 'Certification'],
    ['successor', 'Certification'],
  ],
};
/** Where a record of `kind` refers to others: the generic kinds' from their links. */
function refsOf(kind: string): [string, string][] {
  const spec = genericKinds().find((k) => k.name === kind);
  return spec ? genericRefs(spec) : (REFS[kind] ?? []);
}

/** References without which a record cannot exist (the database deletes it with them). */
const REQUIRED = new Set([
  'CareerDirection.from',
  'CareerDirection.to',
  'SalaryBand.level',
  'CareerTransition.from',
  'CareerTransition.to',
  'Certification.issuer',
]);

// a requirement names its skill, an occupation's mapping its role
const slugOf = (v: unknown) =>
  v && typeof v === 'object' ? (((v as Row).skill ?? (v as Row).role) as string) : (v as string);

/** The first reference of `unit` to a record `present` does not hold, or null. */
function missingReference(
  unit: Unit,
  present: (kind: string, key: string) => boolean,
): { field: string; kind: string; slug: string } | null {
  if (unit.role !== undefined && !present('Role', unit.role))
    return { field: 'role', kind: 'Role', slug: unit.role };
  for (const [field, kind] of refsOf(unit.kind)) {
    const value = unit.content[field];
    for (const slug of (Array.isArray(value) ? value : value == null ? [] : [value]).map(slugOf)) {
      if (!present(kind, slug)) return { field, kind, slug };
    }
  }
  for (const c of (unit.content.cite as { source: string }[] | undefined) ?? []) {
    if (!present('Source', c.source)) return { field: 'cite', kind: 'Source', slug: c.source };
  }
  return null;
}

/** A record of the database, with a reference to a record that is gone removed as its deletion would have. */
function prune(unit: Unit, present: (kind: string, key: string) => boolean): Unit | null {
  const content = { ...unit.content };
  if (unit.role !== undefined && !present('Role', unit.role)) return null;
  for (const [field, kind] of refsOf(unit.kind)) {
    const value = content[field];
    if (Array.isArray(value)) content[field] = value.filter((v) => present(kind, slugOf(v)));
    else if (value != null && !present(kind, value as string)) {
      if (REQUIRED.has(`${unit.kind}.${field}`)) return null;
      delete content[field];
    }
  }
  if (Array.isArray(content.cite))
    content.cite = (content.cite as { source: string }[]).filter((c) =>
      present('Source', c.source),
    );
  return { ...unit, content };
}

/** The fields where the file's version and the database's differ, with both values. */
function diff(file: Unit | undefined, db: Unit | undefined): FieldDiff[] {
  if (!file || !db)
    return [
      {
        field: '(record)',
        file: file ? canonicalOf(file) : null,
        database: db ? canonicalOf(db) : null,
      },
    ];
  const a = canonicalOf(file);
  const b = canonicalOf(db);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields
    .filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]))
    .map((f) => ({
      field: f === '(role)' ? 'role' : f,
      file: a[f] ?? null,
      database: b[f] ?? null,
    }));
}

const label = (u: Pick<Unit, 'kind' | 'key'>) => `${u.kind} ${u.key}`;

/**
 * Merges the seed files with the database, record by record, using each record's provenance
 * (docs/data-format.md, "Seeds and the API"): a file changed since the last seed is applied
 * unless the API changed the record too (a conflict, left as the database has it); a record the
 * API changed or deleted while its file stayed the same keeps the API's version. Then writes the
 * result with the idempotent writer, records the provenance of what it applied, and audits the run.
 */
export async function mergeSeedSet(
  em: EntityManager,
  read: ReadSeeds,
  options: SeedOptions = {},
): Promise<SeedReport> {
  // no API write commits between what this run reads and what it writes
  await lockGraphForWrite(em);
  const db = unitsOf(await readGraphSeeds(em));
  const files = unitsOf(read.set as unknown as Record<SeedKind, object[]>, read.origins);
  const provenance = new Map(
    (await em.getRepository(RecordProvenance).find()).map((p) => [unitId(p.kind, p.recordKey), p]),
  );
  const audited = new Set(
    (
      (await em.query(
        "SELECT DISTINCT subject_type AS t, subject_key AS k FROM audit_log WHERE action <> 'seedRun'",
      )) as { t: string; k: string }[]
    ).map((r) => unitId(r.t, r.k)),
  );
  const fileRoles = new Set([...files.values()].filter((u) => u.kind === 'Role').map((u) => u.key));
  const roleOfLevel = (slug: string) =>
    (files.get(unitId('RoleLevel', slug)) ?? db.get(unitId('RoleLevel', slug)))?.role;

  const merged = new Map(db);
  const applied = new Map<string, Unit>();
  const removed: string[] = [];
  const adopted = new Map<string, Unit>();
  const kept: string[] = [];
  let unchanged = 0;
  const pendingConflicts: { id: string; file?: Unit; reason: string }[] = [];
  const overwrites: { id: string; file?: Unit; before?: Unit }[] = [];

  for (const id of new Set([...files.keys(), ...provenance.keys(), ...db.keys()])) {
    const file = files.get(id);
    const stored = db.get(id);
    const p = provenance.get(id);
    if (!file) {
      // A record no file holds: only a role's part whose role's file dropped it is removed.
      const owner =
        stored?.kind === 'CareerTransition'
          ? roleOfLevel(stored.content.from as string)
          : stored?.role;
      if (
        !stored ||
        !isRolePart(stored.kind) ||
        owner === undefined ||
        !fileRoles.has(owner) ||
        !p?.seedHash
      )
        continue;
      if (p.origin === 'seed' && !p.deleted) {
        merged.delete(id);
        removed.push(id);
      } else if (options.force) {
        merged.delete(id);
        removed.push(id);
        overwrites.push({ id, before: stored });
      } else {
        pendingConflicts.push({
          id,
          reason: 'removed from its file, and changed through the API since the last seed',
        });
      }
      continue;
    }
    const hash = hashOf(file);
    if (stored && hashOf(stored) === hash) {
      adopted.set(id, file);
      unchanged += 1;
      continue;
    }
    const apiTouched = p ? p.origin === 'api' || p.deleted : audited.has(id);
    if (options.force) {
      merged.set(id, file);
      applied.set(id, file);
      if (apiTouched || (p && !stored)) overwrites.push({ id, file, before: stored });
      continue;
    }
    const fileChanged = !p || p.seedHash !== hash;
    if (!p && !stored) {
      merged.set(id, file);
      applied.set(id, file);
    } else if (!fileChanged) {
      // the file is as last seeded: whatever the API (or a deletion with its role) made of it stays
      if (stored && p?.origin === 'seed') unchanged += 1;
      else kept.push(id);
    } else if (!apiTouched && stored) {
      merged.set(id, file);
      applied.set(id, file);
    } else {
      const reason = !stored
        ? 'changed in its file, and deleted through the API (or with the record it belongs to) since the last seed'
        : p
          ? 'changed in its file, and through the API, since the last seed'
          : 'differs from its file, and was changed through the API before seed runs kept provenance';
      pendingConflicts.push({ id, file, reason });
    }
  }

  // A file's record that names one the database no longer has (the API deleted it, and its file
  // did not change) cannot be applied: it becomes a conflict. Database records lose such links,
  // as the deletion did.
  for (let pass = 0; pass < 10; pass += 1) {
    const present = (kind: string, key: string) => merged.has(unitId(kind, key));
    let changed = false;
    for (const [id, unit] of [...merged]) {
      const missing = missingReference(unit, present);
      if (!missing) continue;
      changed = true;
      if (applied.has(id)) {
        applied.delete(id);
        const stored = db.get(id);
        if (stored) merged.set(id, stored);
        else merged.delete(id);
        pendingConflicts.push({
          id,
          file: unit,
          reason: `refers to ${missing.kind} "${missing.slug}" (${missing.field}), which the API deleted`,
        });
      } else {
        const pruned = prune(unit, present);
        if (pruned) merged.set(id, pruned);
        else merged.delete(id);
      }
    }
    if (!changed) break;
  }

  const rows = await writeSeedSet(em, toSeedSet(merged));
  await recordChanges(em, feedEntries(db, merged));

  const auditIds = [...pendingConflicts, ...overwrites]
    .map((c) => provenance.get(c.id)?.auditId)
    .filter((n): n is number => n != null);
  const entries = auditIds.length
    ? await em.getRepository(AuditEntry).find({ where: { id: In(auditIds) } })
    : [];
  const auditOf = (id: string): AuditRef | null => {
    const e = entries.find((x) => x.id === provenance.get(id)?.auditId);
    return e
      ? { id: e.id, actor: e.actor, action: e.action, at: new Date(e.at).toISOString() }
      : null;
  };
  const fileOf = (u?: Unit) => u?.origin?.file ?? null;
  const conflicts: SeedConflict[] = pendingConflicts.map(({ id, file, reason }) => ({
    file: fileOf(file ?? files.get(id) ?? undefined) ?? provenance.get(id)?.seedFile ?? null,
    record: label(file ?? (db.get(id) as Unit)),
    reason,
    fields: diff(file, db.get(id)),
    audit: auditOf(id),
  }));
  const overwritten: Overwrite[] = overwrites.map(({ id, file, before }) => ({
    file: fileOf(file) ?? provenance.get(id)?.seedFile ?? null,
    record: label((file ?? before) as Unit),
    fields: diff(file, before),
    audit: auditOf(id),
  }));

  await recordProvenance(em, [...applied.entries(), ...adopted.entries()], removed, provenance);
  const report: SeedReport = {
    ...rows,
    applied: applied.size + removed.length,
    kept: kept.length,
    unchanged,
    conflicts,
    overwritten,
  };
  await auditRun(em, options, report, {
    applied: [...applied.keys(), ...removed.map((id) => `${id} (removed)`)],
    kept,
  });
  return report;
}

/**
 * What the run changed, record by record, for the public change feed: each record the database
 * now holds differently from before the run (applied from its file, or pruned of a link to a
 * record the API deleted), each new one and each removed one. A record the database deletes
 * with its parent (a level with its role) is not listed: its parent's entry stands for it.
 */
function feedEntries(before: Map<string, Unit>, after: Map<string, Unit>): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const [id, unit] of after) {
    const old = before.get(id);
    if (!old) entries.push({ kind: unit.kind, key: unit.key, change: ChangeType.CREATED });
    else if (hashOf(old) !== hashOf(unit))
      entries.push({ kind: unit.kind, key: unit.key, change: ChangeType.UPDATED });
  }
  for (const [id, unit] of before)
    if (!after.has(id))
      entries.push({ kind: unit.kind, key: unit.key, change: ChangeType.DELETED });
  return entries;
}

/** Units back to a seed set the writer takes (class instances, so every list has its default). */
function toSeedSet(units: Map<string, Unit>): SeedSet {
  const plain = setOf(units.values());
  const classes = seedClasses();
  return Object.fromEntries(
    Object.entries(plain).map(([kind, rows]) => [
      kind,
      rows.map((r) => plainToInstance(classes[kind], r)),
    ]),
  ) as unknown as SeedSet;
}

async function recordProvenance(
  em: EntityManager,
  written: [string, Unit][],
  removed: string[],
  before: Map<string, RecordProvenance>,
) {
  const rows = written
    .map(([id, u]) => ({
      id,
      row: {
        kind: u.kind,
        recordKey: u.key,
        origin: 'seed' as const,
        seedHash: hashOf(u),
        seedFile: u.origin?.relative ?? null,
        auditId: null,
        deleted: false,
      },
    }))
    .filter(({ id, row }) => {
      const p = before.get(id);
      return (
        !p ||
        p.origin !== 'seed' ||
        p.deleted ||
        p.seedHash !== row.seedHash ||
        p.seedFile !== row.seedFile
      );
    })
    .map(({ row }) => row);
  const repo = em.getRepository(RecordProvenance);
  for (let i = 0; i < rows.length; i += 100)
    await repo.upsert(rows.slice(i, i + 100), ['kind', 'recordKey']);
  for (const id of removed) {
    const p = before.get(id);
    if (p) await repo.delete({ kind: p.kind, recordKey: p.recordKey });
  }
}

/** One audit entry per seed run: what it applied, kept, found in conflict and overwrote. */
async function auditRun(
  em: EntityManager,
  options: SeedOptions,
  report: SeedReport,
  lists: { applied: string[]; kept: string[] },
) {
  const entry: Partial<AuditEntry> = {
    at: new Date(),
    actor: options.actor ?? 'npm run seed',
    actorKey: '',
    action: 'seedRun',
    subjectType: 'Seed',
    subjectKey: options.force ? 'seed --force' : 'seed',
    before: null,
    after: {
      force: Boolean(options.force),
      counts: {
        applied: report.applied,
        kept: report.kept,
        conflicts: report.conflicts.length,
        unchanged: report.unchanged,
        overwritten: report.overwritten.length,
      },
      rows: { inserted: report.inserted, updated: report.updated, deleted: report.deleted },
      applied: lists.applied,
      kept: lists.kept,
      conflicts: report.conflicts.map((c) => ({
        record: c.record,
        file: c.file,
        fields: c.fields.map((f) => f.field),
        auditId: c.audit?.id ?? null,
      })),
      overwritten: report.overwritten.map((o) => ({
        record: o.record,
        file: o.file,
        fields: o.fields.map((f) => f.field),
        auditId: o.audit?.id ?? null,
      })),
    },
    requestId: null,
  };
  await em.getRepository(AuditEntry).insert(entry as never);
}
