import { createHash } from 'node:crypto';
import { occupationKey } from '../modules/occupations/occupation-codes';
import { SeedKind } from './format';
import { sectionKinds } from './generic-kinds';
import { Origin } from './read';

type Row = Record<string, unknown>;

/** Sections of records that are not curation kinds, and their record types. */
const OTHER_SECTIONS: Record<string, string> = {
  occupations: 'Occupation',
  certificationLifecycles: 'CertificationLifecycle',
};

/**
 * Each seed section's record type, by the name the API and the audit log use: the registry's
 * sections, then the others. Read when called, so a kind registered later is in it.
 */
export function kindsBySection(): Record<SeedKind, string> {
  return {
    ...Object.fromEntries(sectionKinds().map((k) => [k.seed?.section as string, k.name])),
    ...OTHER_SECTIONS,
  };
}

/** The seed section holding records of `kind` (a record type such as `Sector`). */
export function sectionOf(kind: string): SeedKind {
  const found = Object.entries(kindsBySection()).find(([, k]) => k === kind);
  if (!found) throw new Error(`no seed section holds ${kind}`);
  return found[0];
}

/** A record's natural key: its slug, or for the kinds that have none, what identifies it in its file. */
export function keyOf(seedKind: SeedKind, row: Row): string {
  if (seedKind === 'occupations') return occupationKey(row.system as string, row.code as string);
  if (seedKind === 'certificationLifecycles') return row.certification as string;
  return row.slug as string;
}

/** The parts a role file holds, each a record of its own (own provenance, own merge). */
export const ROLE_PARTS = {
  levels: 'RoleLevel',
  salaryBands: 'SalaryBand',
  outlooks: 'JobOutlook',
  transitions: 'CareerTransition',
} as const;
export type RolePart = keyof typeof ROLE_PARTS;
const PART_KINDS = new Set<string>(Object.values(ROLE_PARTS));

/** Lists the database keeps as sets (links, requirements): their order in a file means nothing. */
const SET_FIELDS = new Set([
  'related',
  'roles',
  'levels',
  'sectors',
  'employers',
  'skillsToGain',
  'skills',
]);

/**
 * One record as the merge sees it: its kind and natural key, its content in the seed format
 * (a role without its parts), and for a role's part the role it sits in.
 */
export interface Unit {
  kind: string;
  key: string;
  content: Row;
  /** The role holding a level, band or outlook (not a transition, which either role's file may hold). */
  role?: string;
  /** Where the record is in the seed files; unset for records read from the database. */
  origin?: Origin;
  /** For a part: its index in the role's list. */
  partIndex?: number;
  part?: RolePart;
}

export const unitId = (kind: string, key: string) => `${kind}:${key}`;
export const isRolePart = (kind: string) => PART_KINDS.has(kind);

/** A value in canonical form: no empty fields, set-like lists sorted, plain data only. */
function canonical(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    if (SET_FIELDS.has(field)) {
      return [...items].sort((a, b) =>
        JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
      );
    }
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Row = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical((value as Row)[key], key);
      // an empty string is as empty as a missing field (a provenance entry's unset rationale reads '')
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
        continue;
      out[key] = v;
    }
    return out;
  }
  return value;
}

/** The unit's content and its role, in canonical form: what is hashed and compared. */
export function canonicalOf(unit: Pick<Unit, 'content' | 'role'>): Row {
  return canonical(
    unit.role === undefined ? unit.content : { ...unit.content, '(role)': unit.role },
  ) as Row;
}

/** The hash a seed run stores for the file content it applied. */
export function hashOf(unit: Pick<Unit, 'content' | 'role'>): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalOf(unit)))
    .digest('hex');
}

/** Gives every skill grade of `holders` that has no rationale of its own the role's `rationale`. */
function withRationale(rationale: string, ...holders: Row[]): void {
  for (const holder of holders) {
    holder.skills = ((holder.skills as Row[] | undefined) ?? []).map((grade) =>
      grade.rationale === undefined ? { ...grade, rationale } : grade,
    );
  }
}

const plain = (record: object): Row => JSON.parse(JSON.stringify(record)) as Row;

/** Splits a seed set (files or database) into units, keyed by `unitId`. */
export function unitsOf(
  set: Record<SeedKind, object[]>,
  origins?: Map<object, Origin>,
): Map<string, Unit> {
  const units = new Map<string, Unit>();
  const kindOf = kindsBySection();
  const add = (unit: Unit) => units.set(unitId(unit.kind, unit.key), unit);
  for (const [seedKind, records] of Object.entries(set) as [SeedKind, object[]][]) {
    for (const record of records) {
      const row = plain(record);
      const origin = origins?.get(record);
      if (seedKind !== 'roles') {
        add({ kind: kindOf[seedKind], key: keyOf(seedKind, row), content: row, origin });
        continue;
      }
      const { levels, salaryBands, outlooks, transitions, gradeRationale, ...own } = row as Row &
        Record<RolePart, Row[] | undefined>;
      // a file's role-wide grade rationale is each of its grades' rationale, as the database keeps it
      if (gradeRationale) withRationale(gradeRationale as string, own, ...(levels ?? []));
      add({ kind: 'Role', key: own.slug as string, content: own, origin });
      const parts: Record<RolePart, Row[] | undefined> = {
        levels,
        salaryBands,
        outlooks,
        transitions,
      };
      for (const [part, list] of Object.entries(parts) as [RolePart, Row[] | undefined][]) {
        (list ?? []).forEach((content, partIndex) => {
          const kind = ROLE_PARTS[part];
          const transition = part === 'transitions';
          const key = transition ? `${content.from}>${content.to}` : (content.slug as string);
          // STATED is a move's default starting basis: written or left out, it is the same move
          if (transition && content.startBasis === 'STATED') {
            content = { ...content };
            delete content.startBasis;
          }
          add({
            kind,
            key,
            content,
            role: transition ? undefined : (own.slug as string),
            origin,
            part,
            partIndex,
          });
        });
      }
    }
  }
  return units;
}

/**
 * Puts units back together as a seed set: a role's parts go into their role (a transition into
 * the role of its `from` level); parts whose role is missing are dropped.
 */
export function setOf(units: Iterable<Unit>): Record<SeedKind, Row[]> {
  const sections = kindsBySection();
  const sectionOfKind = new Map(Object.entries(sections).map(([section, k]) => [k, section]));
  const set = Object.fromEntries(Object.keys(sections).map((k) => [k, [] as Row[]])) as Record<
    SeedKind,
    Row[]
  >;
  const roles = new Map<string, Row>();
  const all = [...units];
  for (const u of all) {
    if (isRolePart(u.kind)) continue;
    const row: Row = { ...u.content };
    if (u.kind === 'Role') {
      Object.assign(row, { levels: [], salaryBands: [], outlooks: [], transitions: [] });
      roles.set(u.key, row);
    }
    set[sectionOfKind.get(u.kind) as SeedKind].push(row);
  }
  const roleOfLevel = new Map(
    all.filter((u) => u.kind === 'RoleLevel').map((u) => [u.key, u.role as string]),
  );
  for (const u of all) {
    if (!isRolePart(u.kind)) continue;
    const owner =
      u.kind === 'CareerTransition' ? roleOfLevel.get(u.content.from as string) : u.role;
    const role = owner === undefined ? undefined : roles.get(owner);
    if (!role) continue;
    const part = (
      Object.entries(ROLE_PARTS).find(([, k]) => k === u.kind) as [RolePart, string]
    )[0];
    (role[part] as Row[]).push({ ...u.content });
  }
  for (const role of roles.values())
    (role.levels as Row[]).sort((a, b) => (a.rank as number) - (b.rank as number));
  return set;
}
