import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { Certification } from '../modules/certifications/certification.entity';
import { Organization } from '../modules/certifications/organization.entity';
import { Credential } from '../modules/credentials/credential.entity';
import { AdvancementPath } from '../modules/guidance/advancement-path.entity';
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
import { compact } from '../core/compact';
import { SeedKind } from './format';
import { genericKinds, readGenericSeeds, sectionKinds } from './generic-kinds';
import { kindNamed } from '../modules/curation/kinds';
import { checkRecord, SeedError } from './read';
import { occupationSeeds } from '../modules/occupations/occupation.export';
import { lifecycleSeeds } from '../modules/certification-lifecycle/lifecycle.export';
import { sourceAnchorSeed, spanSeed } from '../modules/sources/anchor-columns';
import { bandQuantitySeed, gradeSeed, yearRangeSeed } from './quantity-columns';
import { storedProvenance } from '../modules/curation/provenance.inputs';

type Row = Record<string, unknown>;

/** The graph in the seed format: each kind's records as plain data, roles holding their parts. */
export type GraphSeeds = Record<SeedKind, Row[]>;

/** Runs the tasks together, or one after another (`parallel` false), keeping each result's type. */
async function settle<T extends readonly (() => Promise<unknown>)[]>(
  tasks: T,
  parallel: boolean,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (parallel) return Promise.all(tasks.map((t) => t())) as never;
  const out: unknown[] = [];
  for (const task of tasks) out.push(await task());
  return out as never;
}

/** Reads the whole graph as seed records (what `exportGraph` writes and the seed merge compares). */
export async function readGraphSeeds(em: EntityManager): Promise<GraphSeeds> {
  const all = <T extends object>(entity: { new (): T }): Promise<T[]> =>
    em.getRepository(entity).find({ order: { id: 'ASC' } as never }) as Promise<T[]>;
  // inside a transaction every query goes over one connection: one at a time there
  const parallel = !em.queryRunner;
  const [
    sources,
    orgs,
    skills,
    roles,
    levels,
    certs,
    creds,
    bands,
    outlooks,
    transitions,
    reqs,
    paths,
    citations,
  ] = await settle(
    [
      () => all(Source),
      () => all(Organization),
      () => all(Skill),
      () => all(Role),
      () => all(RoleLevel),
      () => all(Certification),
      () => all(Credential),
      () => all(SalaryBand),
      () => all(JobOutlook),
      () => all(CareerTransition),
      () => all(SkillRequirement),
      () => all(AdvancementPath),
      () =>
        em
          .getRepository(Citation)
          .find({ order: { subjectType: 'ASC', subjectId: 'ASC', position: 'ASC', id: 'ASC' } }),
    ] as const,
    parallel,
  );
  const slug = <T extends { id: number; slug: string }>(list: T[]) =>
    new Map(list.map((x) => [x.id, x.slug]));
  const sourceSlug = slug(sources);
  const skillSlug = slug(skills);
  const roleSlug = slug(roles);
  const levelSlug = slug(levels);
  const orgSlug = slug(orgs);

  const citesOf = new Map<string, { source: string; section: string }[]>();
  for (const c of citations) {
    const key = `${c.subjectType}:${c.subjectId}`;
    citesOf.set(key, [
      ...(citesOf.get(key) ?? []),
      {
        source: sourceSlug.get(c.sourceId) as string,
        section: c.section as string,
        ...spanSeed(c),
      },
    ]);
  }
  const cite = (type: CitedType, id: number) => citesOf.get(`${type}:${id}`) ?? [];

  const links = async (
    table: string,
    owner: string,
    target: string,
    targetSlug: Map<number, string>,
  ) => {
    const rows: Row[] = await em
      .createQueryBuilder()
      .select([`l.${owner} AS owner`, `l.${target} AS target`])
      .from(table, 'l')
      .getRawMany();
    const map = new Map<number, string[]>();
    for (const r of rows)
      map.set(Number(r.owner), [
        ...(map.get(Number(r.owner)) ?? []),
        targetSlug.get(Number(r.target)) as string,
      ]);
    for (const list of map.values()) list.sort();
    return (id: number) => map.get(id) ?? [];
  };
  const [certSkills, certRoles, certLevels, credRoles, related, transitionSkills] = await settle(
    [
      () => links('certification_skills', 'certification_id', 'skill_id', skillSlug),
      () => links('certification_roles', 'certification_id', 'role_id', roleSlug),
      () => links('certification_levels', 'certification_id', 'level_id', levelSlug),
      () => links('credential_roles', 'credential_id', 'role_id', roleSlug),
      () => links('role_relations', 'role_id', 'related_role_id', roleSlug),
      () => links('transition_skills', 'transition_id', 'skill_id', skillSlug),
    ] as const,
    parallel,
  );
  const requirement = (r: SkillRequirement) => ({
    skill: skillSlug.get(r.skillId) as string,
    importance: r.importance,
    ...gradeSeed(r),
  });
  const roleOfLevel = new Map(levels.map((l) => [l.id, l.roleId]));

  const known: Record<string, Map<number, string>> = {
    Source: sourceSlug,
    Skill: skillSlug,
    Role: roleSlug,
    RoleLevel: levelSlug,
    Organization: orgSlug,
    AdvancementPath: slug(paths),
  };
  const slugsOf = async (kind: string) => {
    const spec = kindNamed(kind);
    if (!known[kind] && spec) known[kind] = slug(await all(spec.entity as { new (): never }));
    return known[kind];
  };
  const generic: GraphSeeds = {};
  for (const spec of genericKinds())
    generic[spec.seed?.section as string] = await readGenericSeeds(em, spec, slugsOf, cite);

  const graph: GraphSeeds = {
    ...generic,
    sources: sources.map((s) =>
      compact({
        slug: s.slug,
        title: s.title,
        publisher: s.publisher,
        file: s.file,
        url: s.url,
        description: s.description,
        ...sourceAnchorSeed(s),
      }),
    ),
    skills: skills.map((s) =>
      compact({
        slug: s.slug,
        name: s.name,
        category: s.category,
        description: s.description,
        aliases: s.aliases,
        relatedTerms: s.relatedTermsList ?? undefined,
        broader: s.broaderId ? skillSlug.get(s.broaderId) : null,
        cite: cite('Skill', s.id),
      }),
    ),
    certifications: certs.map((c) =>
      compact({
        slug: c.slug,
        name: c.name,
        issuer: orgSlug.get(c.issuerId),
        description: c.description,
        aliases: c.aliases,
        skills: certSkills(c.id),
        roles: certRoles(c.id),
        levels: certLevels(c.id),
        provenance: storedProvenance(c.provenanceList),
        cite: cite('Certification', c.id),
      }),
    ),
    credentials: creds.map((c) =>
      compact({
        slug: c.slug,
        name: c.name,
        kind: c.kind,
        bestFor: c.bestFor,
        howItHelps: c.howItHelps,
        roles: credRoles(c.id),
        provenance: storedProvenance(c.provenanceList),
        cite: cite('Credential', c.id),
      }),
    ),
    careerDirections: (await all(CareerDirection)).map((d) =>
      compact({
        slug: d.slug,
        from: roleSlug.get(d.fromRoleId),
        to: roleSlug.get(d.toRoleId),
        advancementPath:
          d.advancementPathId == null
            ? null
            : paths.find((p) => p.id === d.advancementPathId)?.slug,
        basis: d.basis,
        rationale: d.rationale,
        cite: cite('CareerDirection', d.id),
      }),
    ),
    occupations: await occupationSeeds(em),
    certificationLifecycles: await lifecycleSeeds(em),
    roles: roles.map((role) => {
      const own = levels.filter((l) => l.roleId === role.id).sort((a, b) => a.rank - b.rank);
      return compact({
        slug: role.slug,
        name: role.name,
        summary: role.summary,
        aliases: role.aliases,
        related: related(role.id),
        licenseRequired: role.licenseRequired,
        skills: reqs.filter((r) => r.roleId === role.id && r.levelId == null).map(requirement),
        levels: own.map((l) =>
          compact({
            slug: l.slug,
            name: l.name,
            rank: l.rank,
            summary: l.summary,
            titles: l.titles,
            responsibilities: l.responsibilities,
            yearsInLevel: yearRangeSeed(
              l.yearsInLevelMin,
              l.yearsInLevelMinQualifier,
              l.yearsInLevelMax,
              l.yearsInLevelMaxQualifier,
            ),
            yearsOfExperience: yearRangeSeed(
              l.yearsOfExperienceMin,
              l.yearsOfExperienceMinQualifier,
              l.yearsOfExperienceMax,
              l.yearsOfExperienceMaxQualifier,
            ),
            skills: reqs.filter((r) => r.levelId === l.id).map(requirement),
            cite: cite('RoleLevel', l.id),
          }),
        ),
        salaryBands: bands
          .filter((b) => b.roleId === role.id)
          .map((b) =>
            compact({
              slug: b.slug,
              level: b.levelId ? levelSlug.get(b.levelId) : null,
              label: b.label,
              currency: b.currency,
              period: b.period,
              region: b.region,
              year: b.year,
              min: b.min,
              max: b.max,
              ...bandQuantitySeed(b),
              appliesTo: b.appliesTo,
              topic: b.topic,
              provenance: storedProvenance(b.provenanceList),
              cite: cite('SalaryBand', b.id),
            }),
          ),
        transitions: transitions
          .filter((t) => roleOfLevel.get(t.fromLevelId) === role.id)
          .map((t) =>
            compact({
              from: levelSlug.get(t.fromLevelId),
              to: levelSlug.get(t.toLevelId),
              kind: t.kind,
              startBasis: t.startBasis === Basis.STATED ? undefined : t.startBasis,
              startRationale: t.startRationale ?? undefined,
              typicalYears: yearRangeSeed(
                t.typicalYearsMin,
                t.typicalYearsMinQualifier,
                t.typicalYearsMax,
                t.typicalYearsMaxQualifier,
              ),
              skillsToGain: transitionSkills(t.id),
              cite: cite('CareerTransition', t.id),
            }),
          ),
        outlooks: outlooks
          .filter((o) => o.roleId === role.id)
          .map((o) =>
            compact({
              slug: o.slug,
              growthPercent: o.growthPercent,
              throughYear: o.throughYear,
              description: o.description,
              cite: cite('JobOutlook', o.id),
            }),
          ),
        cite: cite('Role', role.id),
      });
    }),
  };
  return graph;
}

/** Sections of records that are not curation kinds, and their files. */
const OTHER_FILES: Record<string, string> = {
  occupations: 'occupations.yaml',
  certificationLifecycles: 'certification-lifecycles.yaml',
};

/** The file each section is exported to (roles: one file each, `roles/<slug>.yaml`). */
export function exportFiles(): Record<SeedKind, string> {
  const files: Record<SeedKind, string> = {};
  for (const kind of sectionKinds()) if (kind.seed?.file) files[kind.seed.section] = kind.seed.file;
  return { ...files, ...OTHER_FILES };
}

export const roleFile = (slug: string) => `roles/${slug}.yaml`;

/** Turns a document into YAML text the way every careergraph-written seed file reads. */
export function seedYaml(content: unknown): string {
  // loaded on the first export: the seed loader imports this file, and every start and test file
  // would otherwise load the YAML writer's 72 modules for nothing
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify } = require('yaml') as typeof import('yaml');
  return stringify(content, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/**
 * Writes the whole graph as seed files under `dir` (one file per area, one per role), in the
 * format `npm run seed -- --from DIR` loads: the backup, and the way between engines. Every
 * record is checked against the rules the seed loader and the API apply first; a record that
 * breaks one is refused, naming the file, the record and the field, and nothing is written.
 */
export async function exportGraph(
  db: DataSource,
  dir: string,
): Promise<{ files: number; records: number }> {
  const graph = await readGraphSeeds(db.manager);
  const files: Record<string, Row> = {};
  for (const [kind, file] of Object.entries(exportFiles()))
    files[file] = { [kind]: graph[kind as SeedKind] };
  for (const role of graph.roles) files[roleFile(role.slug as string)] = { roles: [role] };
  const problems: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    for (const [kind, list] of Object.entries(content)) {
      (list as Row[]).forEach((record, index) =>
        problems.push(...checkRecord(file, kind as SeedKind, index, record).problems),
      );
    }
  }
  if (problems.length) throw new SeedError(problems, 'export refused, nothing was written');
  let records = 0;
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(
      join(dir, file),
      `# Exported by careergraph: load with npm run seed -- --from DIR\n${seedYaml(content)}`,
    );
    for (const list of Object.values(content)) records += (list as unknown[]).length;
  }
  return { files: Object.keys(files).length, records };
}
