import { lifecycleSeedProblems } from './lifecycle.sync';
import { occupationSeedProblems } from './occupation.sync';
import { SeedSet } from './format';
import { Origin, SeedError } from './read';

/**
 * Checks what validation of single records cannot: unique slugs across files, and that every
 * slug a record refers to names a record of the right kind.
 */
export function checkReferences(set: SeedSet, origins: Map<object, Origin>): void {
  const problems: string[] = [];
  const at = (record: object, field: string) => {
    const o = origins.get(record);
    return o ? `${o.file}: ${o.path}.${field}` : field;
  };

  const slugsOf = (label: string, records: { slug: string }[], owners: object[] = records) => {
    const seen = new Map<string, object>();
    records.forEach((r, i) => {
      if (seen.has(r.slug))
        problems.push(`${at(owners[i], 'slug')}: duplicate ${label} slug "${r.slug}"`);
      seen.set(r.slug, r);
    });
    return new Set(seen.keys());
  };

  const levelsWithRole = set.roles.flatMap((role) => role.levels.map((level) => ({ level, role })));
  const bandsWithRole = set.roles.flatMap((role) =>
    role.salaryBands.map((band) => ({ band, role })),
  );
  const outlooksWithRole = set.roles.flatMap((role) => role.outlooks.map((o) => ({ o, role })));

  const known = {
    source: slugsOf('source', set.sources),
    organization: slugsOf('organization', set.organizations),
    skill: slugsOf('skill', set.skills),
    certification: slugsOf('certification', set.certifications),
    credential: slugsOf('credential', set.credentials),
    sector: slugsOf('sector', set.sectors),
    employer: slugsOf('employer', set.employers),
    role: slugsOf('role', set.roles),
    level: slugsOf(
      'role level',
      levelsWithRole.map((x) => x.level),
      levelsWithRole.map((x) => x.role),
    ),
    insight: slugsOf('insight', set.insights),
    internshipKind: slugsOf('internship kind', set.internshipKinds),
    advancementPath: slugsOf('advancement path', set.advancementPaths),
    salaryFactor: slugsOf('salary factor', set.salaryFactors),
  };
  slugsOf(
    'salary band',
    bandsWithRole.map((x) => x.band),
    bandsWithRole.map((x) => x.role),
  );
  slugsOf(
    'outlook',
    outlooksWithRole.map((x) => x.o),
    outlooksWithRole.map((x) => x.role),
  );

  /** Checks one slug (a string) or each slug of a list, naming the list index at fault. */
  const refer = (
    record: object,
    field: string,
    kind: keyof typeof known,
    slugs: string | undefined | string[],
  ) => {
    const list = Array.isArray(slugs)
      ? slugs.map((slug, i) => [slug, `${field}[${i}]`])
      : [[slugs, field]];
    for (const [slug, where] of list) {
      if (slug !== undefined && !known[kind].has(slug)) {
        problems.push(`${at(record, where as string)}: no ${kind} has slug "${slug}"`);
      }
    }
  };
  const cites = (owner: object, field: string, cite: { source: string }[] | undefined) =>
    (cite ?? []).forEach((c, i) => refer(owner, `${field}[${i}].source`, 'source', c.source));

  for (const o of set.organizations) cites(o, 'cite', o.cite);
  for (const s of set.skills) {
    refer(s, 'broader', 'skill', s.broader);
    if (s.broader === s.slug)
      problems.push(`${at(s, 'broader')}: a skill cannot be its own broader skill`);
    cites(s, 'cite', s.cite);
  }
  for (const c of set.certifications) {
    refer(c, 'issuer', 'organization', c.issuer);
    refer(c, 'skills', 'skill', c.skills);
    refer(c, 'roles', 'role', c.roles);
    refer(c, 'levels', 'level', c.levels);
    cites(c, 'cite', c.cite);
  }
  for (const c of set.credentials) {
    refer(c, 'roles', 'role', c.roles);
    cites(c, 'cite', c.cite);
  }
  for (const s of set.sectors) cites(s, 'cite', s.cite);
  for (const e of set.employers) {
    refer(e, 'sectors', 'sector', e.sectors);
    refer(e, 'roles', 'role', e.roles);
    cites(e, 'cite', e.cite);
  }
  const transitionKeys = new Set<string>();
  for (const r of set.roles) {
    refer(r, 'related', 'role', r.related);
    r.skills.forEach((q, i) => refer(r, `skills[${i}].skill`, 'skill', q.skill));
    cites(r, 'cite', r.cite);
    const ranks = new Set<number>();
    r.levels.forEach((l, i) => {
      if (ranks.has(l.rank))
        problems.push(
          `${at(r, `levels[${i}].rank`)}: rank ${l.rank} is used twice in role ${r.slug}`,
        );
      ranks.add(l.rank);
      l.skills.forEach((q, j) => refer(r, `levels[${i}].skills[${j}].skill`, 'skill', q.skill));
      cites(r, `levels[${i}].cite`, l.cite);
    });
    const ownLevels = new Set(r.levels.map((l) => l.slug));
    r.salaryBands.forEach((b, i) => {
      if (b.level !== undefined && !ownLevels.has(b.level)) {
        problems.push(
          `${at(r, `salaryBands[${i}].level`)}: "${b.level}" is not a level of role ${r.slug}`,
        );
      }
      cites(r, `salaryBands[${i}].cite`, b.cite);
    });
    r.transitions.forEach((t, i) => {
      refer(r, `transitions[${i}].from`, 'level', t.from);
      refer(r, `transitions[${i}].to`, 'level', t.to);
      refer(r, `transitions[${i}].skillsToGain`, 'skill', t.skillsToGain);
      if (t.from === t.to)
        problems.push(`${at(r, `transitions[${i}]`)}: a transition cannot lead to its own level`);
      const key = `${t.from}>${t.to}`;
      if (transitionKeys.has(key))
        problems.push(`${at(r, `transitions[${i}]`)}: transition ${key} is defined twice`);
      transitionKeys.add(key);
      cites(r, `transitions[${i}].cite`, t.cite);
    });
    r.outlooks.forEach((o, i) => cites(r, `outlooks[${i}].cite`, o.cite));
  }
  for (const n of set.insights) {
    refer(n, 'roles', 'role', n.roles);
    refer(n, 'levels', 'level', n.levels);
    refer(n, 'skills', 'skill', n.skills);
    cites(n, 'cite', n.cite);
  }
  for (const k of set.internshipKinds) {
    refer(k, 'sectors', 'sector', k.sectors);
    refer(k, 'employers', 'employer', k.employers);
    cites(k, 'cite', k.cite);
  }
  for (const p of set.advancementPaths) {
    refer(p, 'roles', 'role', p.roles);
    cites(p, 'cite', p.cite);
  }
  for (const f of set.salaryFactors) {
    refer(f, 'roles', 'role', f.roles);
    cites(f, 'cite', f.cite);
  }
  for (const d of set.careerDirections ?? []) {
    refer(d, 'from', 'role', d.from);
    refer(d, 'to', 'role', d.to);
    refer(d, 'advancementPath', 'advancementPath', d.advancementPath);
    cites(d, 'cite', d.cite);
  }
  checkBroaderCycles(set, problems, at);
  // the kinds without slugs check their own references, before the merge takes a missing one for a deletion
  problems.push(
    ...occupationSeedProblems(
      set.occupations ?? [],
      (s) => known.source.has(s),
      (s) => known.role.has(s),
    ),
  );
  problems.push(
    ...lifecycleSeedProblems(set.certificationLifecycles ?? [], (s) => known.certification.has(s)),
  );
  if (problems.length) throw new SeedError(problems);
}

function checkBroaderCycles(
  set: SeedSet,
  problems: string[],
  at: (r: object, f: string) => string,
): void {
  const broader = new Map(set.skills.map((s) => [s.slug, s.broader]));
  for (const s of set.skills) {
    const seen = new Set([s.slug]);
    for (let b = broader.get(s.slug); b; b = broader.get(b)) {
      if (seen.has(b)) {
        problems.push(`${at(s, 'broader')}: the broader chain of "${s.slug}" loops back on itself`);
        break;
      }
      seen.add(b);
    }
  }
}
