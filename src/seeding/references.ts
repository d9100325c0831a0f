import { lifecycleSeedProblems } from './lifecycle.sync';
import { occupationSeedProblems } from './occupation.sync';
import { SeedSet } from './format';
import { GenericSeed, genericKinds, genericRefs } from './generic-kinds';
import { KindSpec } from '../modules/curation/kinds';
import { Origin, SeedError } from './read';
import { CitationRef, outsideSection } from '../modules/sources/anchor';

/** A seed record, or a part of one, with citations and field-level provenance. */
type Cited = { cite?: CitationRef[]; provenance?: { cite?: CitationRef[] | null }[] | null };

/** How messages and `known` name a kind: `internshipKind`; a role level is a `level`. */
const refName = (kind: string) =>
  kind === 'RoleLevel' ? 'level' : kind[0].toLowerCase() + kind.slice(1);
/** A kind in words: `internship kind`. */
const label = (kind: string) => kind.replace(/(?<=.)([A-Z])/g, ' $1').toLowerCase();

/**
 * Checks what validation of single records cannot: unique slugs across files, and that every
 * slug a record refers to names a record of the right kind.
 */
export function checkReferences(set: SeedSet, origins: Map<object, Origin>): void {
  const generic = (spec: KindSpec) => (set[spec.seed?.section as string] ?? []) as GenericSeed[];
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

  const known: Record<string, Set<string>> = {
    source: slugsOf('source', set.sources),
    skill: slugsOf('skill', set.skills),
    certification: slugsOf('certification', set.certifications),
    credential: slugsOf('credential', set.credentials),
    role: slugsOf('role', set.roles),
    level: slugsOf(
      'role level',
      levelsWithRole.map((x) => x.level),
      levelsWithRole.map((x) => x.role),
    ),
  };
  for (const spec of genericKinds())
    known[refName(spec.name)] = slugsOf(label(spec.name), generic(spec));
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
    kind: string,
    slugs: string | undefined | string[],
  ) => {
    const list = Array.isArray(slugs)
      ? slugs.map((slug, i) => [slug, `${field}[${i}]`])
      : [[slugs, field]];
    for (const [slug, where] of list) {
      if (slug !== undefined && !known[kind]?.has(slug)) {
        problems.push(`${at(record, where as string)}: no ${kind} has slug "${slug}"`);
      }
    }
  };
  const outlines = new Map(
    set.sources
      .filter((s) => s.sections?.length)
      .map((s) => [s.slug, new Map(s.sections!.map((h) => [h.heading, h]))]),
  );
  const cites = (owner: object, field: string, cite: CitationRef[] | undefined) =>
    (cite ?? []).forEach((c, i) => {
      refer(owner, `${field}[${i}].source`, 'source', c.source);
      const outline = outlines.get(c.source);
      const section = outline?.get(c.section);
      if (outline && !section)
        problems.push(
          `${at(owner, `${field}[${i}].section`)}: "${c.section}" is not a heading of source "${c.source}"`,
        );
      const outside = section && c.span ? outsideSection(section, c.span) : null;
      if (outside) problems.push(`${at(owner, `${field}[${i}].span`)}: ${outside}`);
    });
  /** The citations of a record (or of a part of it at `prefix`) and of its field-level provenance. */
  const citesOf = (owner: object, prefix: string, cited: Cited) => {
    cites(owner, `${prefix}cite`, cited.cite);
    (cited.provenance ?? []).forEach((p, j) =>
      cites(owner, `${prefix}provenance[${j}].cite`, p.cite ?? undefined),
    );
  };

  for (const spec of genericKinds()) {
    for (const record of generic(spec)) {
      for (const [field, target] of genericRefs(spec))
        refer(record, field, refName(target), record[field] as string[]);
      citesOf(record, '', record as Cited);
    }
  }
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
    citesOf(c, '', c);
  }
  for (const c of set.credentials) {
    refer(c, 'roles', 'role', c.roles);
    citesOf(c, '', c);
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
      citesOf(r, `salaryBands[${i}].`, b);
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
