import { DataSource, EntityManager } from 'typeorm';
import { bumpGraphVersion } from '../core/cache/graph-version';
import { runWrite } from '../core/writes';
import { Certification } from '../modules/certifications/certification.entity';
import { Credential } from '../modules/credentials/credential.entity';
import { CareerDirection } from '../modules/directions/career-direction.entity';
import { Basis } from '../core/basis';
import { CareerTransition } from '../modules/paths/career-transition.entity';
import { RoleLevel } from '../modules/roles/role-level.entity';
import { Role } from '../modules/roles/role.entity';
import { JobOutlook } from '../modules/salaries/job-outlook.entity';
import { SalaryBand } from '../modules/salaries/salary-band.entity';
import { SkillRequirement } from '../modules/skills/skill-requirement.entity';
import { Skill } from '../modules/skills/skill.entity';
import { Citation, CitedType } from '../modules/sources/citation.entity';
import { Source } from '../modules/sources/source.entity';
import { sourceAnchorColumns, spanColumns } from '../modules/sources/anchor-columns';
import { bandQuantityColumns, gradeColumns, qualifierColumns } from './quantity-columns';
import { CitationSeed, SeedSet } from './format';
import { GenericSeed, genericKinds, writeGenericLinks, writeGenericRows } from './generic-kinds';
import { KindSpec } from '../modules/curation/kinds';
import { mergeSeedSet, SeedOptions, SeedReport } from './merge';
import { readSeeds } from './read';
import { checkReferences } from './references';
import { SyncReport, TableSync } from './sync';
import { storedProvenance } from '../modules/curation/provenance.inputs';
import { writeOccupationSeeds } from './occupation.sync';
import { writeLifecycleSeeds } from './lifecycle.sync';

/** A record's provenance as stored: null when it has none. */
const provenanceColumn = (list: Parameters<typeof storedProvenance>[0]) =>
  list && list.length ? storedProvenance(list) : null;

const bySlug = (r: { slug?: string }) => r.slug as string;
const need = (ids: Map<string, number>, slug: string) => ids.get(slug) as number;

/**
 * Reads and validates the seed files under `dir`, then merges them into the database in one
 * transaction (src/seeding/merge.ts): editors' changes through the API are kept, conflicts are
 * reported and left as they are; `force` makes the files win.
 */
export async function loadSeedDirectory(
  dataSource: DataSource,
  dir: string,
  options: SeedOptions = {},
): Promise<SeedReport> {
  const read = readSeeds(dir);
  checkReferences(read.set, read.origins);
  return runWrite(dataSource, (em) => mergeSeedSet(em, read, options));
}

/** Writes an already validated seed set; only rows that differ are touched. */
export async function writeSeedSet(em: EntityManager, set: SeedSet): Promise<SyncReport> {
  const sync = new TableSync(em);
  const cited: { type: CitedType; id: number; cite: CitationSeed[] }[] = [];

  const sourceIds = await sync.rows(
    Source,
    set.sources.map((s) => ({
      slug: s.slug,
      title: s.title,
      publisher: s.publisher ?? null,
      file: s.file ?? null,
      url: s.url ?? null,
      description: s.description ?? null,
      ...sourceAnchorColumns(s),
    })),
    bySlug,
  );

  // the generic kinds' rows first: the others' references to them need their ids
  const generic = genericKinds();
  const records = (spec: KindSpec) => (set[spec.seed?.section as string] ?? []) as GenericSeed[];
  const ids = new Map<string, Map<string, number>>([['Source', sourceIds]]);
  for (const spec of generic) ids.set(spec.name, await writeGenericRows(sync, spec, records(spec)));
  const idsOf = (kind: string) => ids.get(kind) as Map<string, number>;
  const orgIds = idsOf('Organization');
  const pathIds = idsOf('AdvancementPath');

  // Skills go in twice: once to get ids, then with their broader skill.
  const skillRow = (s: SeedSet['skills'][number]) => ({
    slug: s.slug,
    name: s.name,
    category: s.category,
    description: s.description,
    aliases: s.aliases,
    // an empty list, as the API stores one it was not given: the two must not differ on a re-seed
    relatedTermsList: s.relatedTerms ?? [],
  });
  const firstPass = await sync.rows(Skill, set.skills.map(skillRow), bySlug);
  const skillIds = await sync.rows(
    Skill,
    set.skills.map((s) => ({
      ...skillRow(s),
      broaderId: s.broader ? need(firstPass, s.broader) : null,
    })),
    bySlug,
  );
  set.skills.forEach((s) =>
    cited.push({ type: 'Skill', id: need(skillIds, s.slug), cite: s.cite }),
  );

  const roleIds = await sync.rows(
    Role,
    set.roles.map((r) => ({
      slug: r.slug,
      name: r.name,
      summary: r.summary,
      aliases: r.aliases,
      licenseRequired: r.licenseRequired ?? null,
    })),
    bySlug,
  );
  const seededRoles = new Set(roleIds.values());
  set.roles.forEach((r) => cited.push({ type: 'Role', id: need(roleIds, r.slug), cite: r.cite }));

  const levelIds = await sync.rows(
    RoleLevel,
    set.roles.flatMap((r) =>
      r.levels.map((l) => ({
        slug: l.slug,
        name: l.name,
        roleId: need(roleIds, r.slug),
        rank: l.rank,
        summary: l.summary,
        titles: l.titles,
        responsibilities: l.responsibilities,
        yearsInLevelMin: l.yearsInLevel?.min ?? null,
        yearsInLevelMax: l.yearsInLevel?.max ?? null,
        yearsOfExperienceMin: l.yearsOfExperience?.min ?? null,
        yearsOfExperienceMax: l.yearsOfExperience?.max ?? null,
        ...qualifierColumns('yearsInLevel', l.yearsInLevel),
        ...qualifierColumns('yearsOfExperience', l.yearsOfExperience),
      })),
    ),
    bySlug,
    (row) => seededRoles.has(row.roleId),
  );
  const seededLevels = new Set(levelIds.values());
  set.roles.forEach((r) =>
    r.levels.forEach((l) =>
      cited.push({ type: 'RoleLevel', id: need(levelIds, l.slug), cite: l.cite }),
    ),
  );

  await sync.rows(
    SkillRequirement,
    set.roles.flatMap((r) => [
      ...r.skills.map((s) => ({
        roleId: need(roleIds, r.slug),
        levelId: null,
        skillId: need(skillIds, s.skill),
        importance: s.importance,
        ...gradeColumns(s, r),
      })),
      ...r.levels.flatMap((l) =>
        l.skills.map((s) => ({
          roleId: need(roleIds, r.slug),
          levelId: need(levelIds, l.slug),
          skillId: need(skillIds, s.skill),
          importance: s.importance,
          ...gradeColumns(s, r),
        })),
      ),
    ]),
    (q) => `${q.roleId}:${q.levelId ?? ''}:${q.skillId}`,
    (row) => seededRoles.has(row.roleId),
  );

  await sync.links(
    'role_relations',
    'role_id',
    'related_role_id',
    [...seededRoles],
    set.roles.flatMap((r) =>
      r.related.map((o): [number, number] => [need(roleIds, r.slug), need(roleIds, o)]),
    ),
  );

  const bandIds = await sync.rows(
    SalaryBand,
    set.roles.flatMap((r) =>
      r.salaryBands.map((b) => ({
        slug: b.slug,
        roleId: need(roleIds, r.slug),
        levelId: b.level ? need(levelIds, b.level) : null,
        label: b.label,
        currency: b.currency,
        period: b.period,
        year: b.year ?? null,
        min: b.min ?? null,
        max: b.max ?? null,
        ...bandQuantityColumns(b),
        appliesTo: b.appliesTo ?? null,
        topic: b.topic ?? null,
        provenanceList: provenanceColumn(b.provenance),
      })),
    ),
    bySlug,
    (row) => seededRoles.has(row.roleId),
  );
  set.roles.forEach((r) =>
    r.salaryBands.forEach((b) =>
      cited.push({ type: 'SalaryBand', id: need(bandIds, b.slug), cite: b.cite }),
    ),
  );

  const outlookIds = await sync.rows(
    JobOutlook,
    set.roles.flatMap((r) =>
      r.outlooks.map((o) => ({
        slug: o.slug,
        roleId: need(roleIds, r.slug),
        growthPercent: o.growthPercent ?? null,
        throughYear: o.throughYear ?? null,
        description: o.description,
      })),
    ),
    bySlug,
    (row) => seededRoles.has(row.roleId),
  );
  set.roles.forEach((r) =>
    r.outlooks.forEach((o) =>
      cited.push({ type: 'JobOutlook', id: need(outlookIds, o.slug), cite: o.cite }),
    ),
  );

  const transitions = set.roles.flatMap((r) => r.transitions);
  const transitionKey = (t: { fromLevelId?: number; toLevelId?: number }) =>
    `${t.fromLevelId}>${t.toLevelId}`;
  const transitionIds = await sync.rows(
    CareerTransition,
    transitions.map((t) => ({
      fromLevelId: need(levelIds, t.from),
      toLevelId: need(levelIds, t.to),
      kind: t.kind,
      startBasis: t.startBasis ?? Basis.STATED,
      startRationale: t.startRationale ?? null,
      typicalYearsMin: t.typicalYears?.min ?? null,
      typicalYearsMax: t.typicalYears?.max ?? null,
      ...qualifierColumns('typicalYears', t.typicalYears),
    })),
    transitionKey,
    (row) => seededLevels.has(row.fromLevelId) && seededLevels.has(row.toLevelId),
  );
  const transitionId = (t: (typeof transitions)[number]) =>
    need(transitionIds, `${need(levelIds, t.from)}>${need(levelIds, t.to)}`);
  transitions.forEach((t) =>
    cited.push({ type: 'CareerTransition', id: transitionId(t), cite: t.cite }),
  );
  await sync.links(
    'transition_skills',
    'transition_id',
    'skill_id',
    [...transitionIds.values()],
    transitions.flatMap((t) =>
      t.skillsToGain.map((s): [number, number] => [transitionId(t), need(skillIds, s)]),
    ),
  );

  const certIds = await sync.rows(
    Certification,
    set.certifications.map((c) => ({
      slug: c.slug,
      name: c.name,
      issuerId: need(orgIds, c.issuer),
      description: c.description,
      aliases: c.aliases,
      provenanceList: provenanceColumn(c.provenance),
    })),
    bySlug,
  );
  const certs = set.certifications.map((c) => ({ c, id: need(certIds, c.slug) }));
  certs.forEach(({ c, id }) => cited.push({ type: 'Certification', id, cite: c.cite }));
  const certOwners = certs.map((x) => x.id);
  await sync.links(
    'certification_skills',
    'certification_id',
    'skill_id',
    certOwners,
    certs.flatMap(({ c, id }) => c.skills.map((s): [number, number] => [id, need(skillIds, s)])),
  );
  await sync.links(
    'certification_roles',
    'certification_id',
    'role_id',
    certOwners,
    certs.flatMap(({ c, id }) => c.roles.map((s): [number, number] => [id, need(roleIds, s)])),
  );
  await sync.links(
    'certification_levels',
    'certification_id',
    'level_id',
    certOwners,
    certs.flatMap(({ c, id }) => c.levels.map((s): [number, number] => [id, need(levelIds, s)])),
  );

  const credIds = await sync.rows(
    Credential,
    set.credentials.map((c) => ({
      slug: c.slug,
      name: c.name,
      kind: c.kind,
      bestFor: c.bestFor,
      howItHelps: c.howItHelps,
      provenanceList: provenanceColumn(c.provenance),
    })),
    bySlug,
  );
  set.credentials.forEach((c) =>
    cited.push({ type: 'Credential', id: need(credIds, c.slug), cite: c.cite }),
  );
  await sync.links(
    'credential_roles',
    'credential_id',
    'role_id',
    [...credIds.values()],
    set.credentials.flatMap((c) =>
      c.roles.map((r): [number, number] => [need(credIds, c.slug), need(roleIds, r)]),
    ),
  );

  const directionIds = await sync.rows(
    CareerDirection,
    (set.careerDirections ?? []).map((d) => ({
      slug: d.slug,
      fromRoleId: need(roleIds, d.from),
      toRoleId: need(roleIds, d.to),
      advancementPathId: d.advancementPath ? need(pathIds, d.advancementPath) : null,
      basis: d.basis,
      rationale: d.rationale ?? null,
    })),
    bySlug,
  );
  (set.careerDirections ?? []).forEach((d) =>
    cited.push({ type: 'CareerDirection', id: need(directionIds, d.slug), cite: d.cite ?? [] }),
  );

  for (const [kind, map] of [
    ['Skill', skillIds],
    ['Role', roleIds],
    ['RoleLevel', levelIds],
    ['Certification', certIds],
    ['Credential', credIds],
    ['CareerDirection', directionIds],
  ] as const)
    ids.set(kind, map);
  for (const spec of generic)
    cited.push(...(await writeGenericLinks(sync, spec, records(spec), idsOf)));

  await writeOccupationSeeds(sync, set.occupations, sourceIds, roleIds);
  await writeLifecycleSeeds(sync, set.certificationLifecycles, certIds);

  const subjects = new Set(cited.map((c) => `${c.type}:${c.id}`));
  await sync.rows(
    Citation,
    cited.flatMap(({ type, id, cite }) =>
      cite.map((c, position) => ({
        subjectType: type,
        subjectId: id,
        sourceId: need(sourceIds, c.source),
        section: c.section,
        position,
        ...spanColumns(c.span),
      })),
    ),
    // by place in the record's list, as the API writes them: a record may cite two spans of one section
    (c) => `${c.subjectType}:${c.subjectId}:${c.position}`,
    (row) => subjects.has(`${row.subjectType}:${row.subjectId}`),
  );

  const { inserted, updated, deleted } = sync.report;
  if (inserted + updated + deleted > 0) {
    await bumpGraphVersion(em); // every process's in-memory graph, search index and cache move on
  }
  return sync.report;
}
