/**
 * A deterministic synthetic graph N times the size of the real one, for benchmarks.
 *
 * Copy 0 is the real knowledge, untouched. Copies 1..N-1 each re-cast the whole real graph in a
 * new "domain" (payments platform, healthcare data...): every record gets a new slug and name,
 * its text is a seeded shuffle of the original sentences, its figures are jittered, and a share
 * of its references (related roles, requirements, transitions, employers' roles...) point into
 * earlier copies, so the copies form one connected graph instead of N islands. Each copy has the
 * real graph's shape (the same counts and degrees), so cost measured at 1x, 10x and 100x compares
 * like with like.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SeedSet } from './format';
import { readSeeds } from './read';
import { Basis } from '../core/basis';

/** Options of `synthesize`. */
export interface SyntheticOptions {
  /** How many times the real graph (1 = the real graph alone). */
  scale: number;
  /** Seed of the pseudo-random generator: the same seed gives the same graph. */
  seed: number;
}

/** One generated copy, as a plain seed document (the top-level keys of a seed file). */
export interface SyntheticCopy {
  /** File name (without directory) the copy is meant to be written to. */
  file: string;
  doc: Record<string, unknown[]>;
}

type Rng = () => number;

/** mulberry32: a small, fast, seedable generator (32-bit state), good enough for test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = [
  'payments',
  'logistics',
  'healthcare',
  'retail',
  'gaming',
  'media',
  'energy',
  'telecom',
  'insurance',
  'automotive',
  'travel',
  'education',
  'public sector',
  'banking',
  'biotech',
  'agritech',
  'real estate',
  'cybersecurity',
  'marketplace',
  'streaming',
  'advertising',
  'aerospace',
  'manufacturing',
  'hospitality',
  'legal tech',
  'nonprofit',
  'sports',
  'music',
  'food delivery',
  'mobility',
  'climate',
  'robotics',
  'fashion',
  'web3',
  'analytics',
  'publishing',
  'recruiting',
  'construction',
  'maritime',
  'pharma',
];
const FLAVOURS = [
  'platform',
  'core',
  'edge',
  'internal tools',
  'mobile',
  'data',
  'enterprise',
  'consumer',
  'embedded',
  'growth',
];
const SYLLABLES = [
  'nor',
  'vex',
  'ka',
  'lo',
  'ra',
  'tri',
  'zen',
  'qua',
  'mi',
  'sol',
  'ar',
  'bel',
  'cor',
  'dyn',
  'el',
  'fen',
  'gal',
  'hal',
  'ion',
  'jun',
  'kel',
  'lum',
  'mar',
  'nex',
  'or',
  'pix',
  'ryn',
  'syn',
  'tor',
  'ul',
  'ver',
  'wyn',
];
const COMPANY_SUFFIXES = [
  'Labs',
  'Systems',
  'Health',
  'Group',
  'Technologies',
  'Works',
  'Cloud',
  'Digital',
  'Partners',
  'Networks',
  'Logistics',
  'Financial',
];

/** Lower-case words joined by hyphens, the seed slug format. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Back-end developer" -> "back-end developer", but "CTO" stays "CTO". */
const lowerFirst = (s: string) =>
  /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;

function shuffle<T>(rng: Rng, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The domain phrase of each copy ("payments platform"), all different, in a seeded order. */
function domainPhrases(rng: Rng, count: number): string[] {
  const all = shuffle(
    rng,
    DOMAINS.flatMap((d) => FLAVOURS.map((f) => `${d} ${f}`)),
  );
  return Array.from({ length: count }, (_, i) =>
    i < all.length ? all[i] : `${all[i % all.length]} ${Math.floor(i / all.length) + 1}`,
  );
}

/** Per-kind slug of a record in copy `k` (copy 0 keeps the real slug). */
type SlugMaps = Record<string, Map<string, string>>;

const REFERENCE_SHARE = 0.1; // of a copy's references that point into an earlier copy
const TRANSITION_FROM_SHARE = 0.25; // moves that start in an earlier copy and lead into this one
const TRANSITION_TO_SHARE = 0.15; // moves that leave this copy for an earlier one

/**
 * Builds the copies 1..scale-1 of `base` (copy 0, the real graph, is `base` itself and is not
 * returned). Pure: the same base, scale and seed always give the same result.
 */
export function synthesize(base: SeedSet, options: SyntheticOptions): SyntheticCopy[] {
  const { scale, seed } = options;
  if (!Number.isInteger(scale) || scale < 1)
    throw new Error(`scale must be a whole number of at least 1, got ${scale}`);
  const phrases = domainPhrases(mulberry32(seed), Math.max(0, scale - 1));
  const usedEmployerSlugs = new Set(
    base.employers.map((e) => e.slug).concat(base.organizations.map((o) => o.slug)),
  );
  const maps: SlugMaps[] = [realSlugMaps(base)];
  const copies: SyntheticCopy[] = [];
  for (let k = 1; k < scale; k++) {
    const rng = mulberry32((seed * 1_000_003 + k * 7919) >>> 0);
    const phrase = phrases[k - 1];
    const m = copySlugMaps(base, slugify(phrase), rng, usedEmployerSlugs);
    maps.push(m);
    copies.push({
      file: `${String(k).padStart(4, '0')}-${slugify(phrase)}.yaml`,
      doc: buildCopy(base, k, phrase, rng, maps),
    });
  }
  return copies;
}

function realSlugMaps(base: SeedSet): SlugMaps {
  const identity = (slugs: string[]) => new Map(slugs.map((s) => [s, s]));
  return {
    source: identity(base.sources.map((s) => s.slug)),
    organization: identity(base.organizations.map((o) => o.slug)),
    skill: identity(base.skills.map((s) => s.slug)),
    certification: identity(base.certifications.map((c) => c.slug)),
    credential: identity(base.credentials.map((c) => c.slug)),
    sector: identity(base.sectors.map((s) => s.slug)),
    employer: identity(base.employers.map((e) => e.slug)),
    role: identity(base.roles.map((r) => r.slug)),
    level: identity(base.roles.flatMap((r) => r.levels.map((l) => l.slug))),
  };
}

function companyName(rng: Rng): string {
  const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)];
  const word = capitalise(pick(SYLLABLES) + pick(SYLLABLES) + (rng() < 0.4 ? pick(SYLLABLES) : ''));
  return `${word} ${pick(COMPANY_SUFFIXES)}`;
}

function copySlugMaps(
  base: SeedSet,
  prefix: string,
  rng: Rng,
  usedCompanySlugs: Set<string>,
): SlugMaps {
  const prefixed = (slugs: string[]) => new Map(slugs.map((s) => [s, `${prefix}-${s}`]));
  // Employers and issuers get invented company names; their slugs come from those names.
  const company = (slug: string): [string, string] => {
    const base = slugify(companyName(rng));
    let candidate = base;
    for (let n = 2; usedCompanySlugs.has(candidate); n++) candidate = `${base}-${n}`;
    usedCompanySlugs.add(candidate);
    return [slug, candidate];
  };
  return {
    source: prefixed(base.sources.map((s) => s.slug)),
    organization: new Map(base.organizations.map((o) => company(o.slug))),
    skill: prefixed(base.skills.map((s) => s.slug)),
    certification: prefixed(base.certifications.map((c) => c.slug)),
    credential: prefixed(base.credentials.map((c) => c.slug)),
    sector: prefixed(base.sectors.map((s) => s.slug)),
    employer: new Map(base.employers.map((e) => company(e.slug))),
    role: prefixed(base.roles.map((r) => r.slug)),
    level: prefixed(base.roles.flatMap((r) => r.levels.map((l) => l.slug))),
  };
}

/** A company's display name, recovered from its generated slug ("norvex-labs" -> "Norvex Labs"). */
const nameOfSlug = (slug: string) => slug.split('-').map(capitalise).join(' ');

function buildCopy(
  base: SeedSet,
  k: number,
  phrase: string,
  rng: Rng,
  maps: SlugMaps[],
): Record<string, unknown[]> {
  const own = maps[k];
  const Phrase = capitalise(phrase);
  const prefix = slugify(phrase);
  /** The copy's own counterpart of a real slug, or (now and then) an earlier copy's. */
  const ref = (kind: string, slug: string, share = REFERENCE_SHARE): string => {
    const copy = rng() < share ? Math.floor(rng() * k) : k;
    return maps[copy][kind].get(slug) as string;
  };
  const refs = (kind: string, slugs: string[]) => [...new Set(slugs.map((s) => ref(kind, s)))];
  const mine = (kind: string, slug: string) => own[kind].get(slug) as string;
  // copies carry no spans, so every link of theirs is editorial
  const generatedBasis = (...fields: string[]) =>
    fields.map((field) => ({
      field,
      basis: Basis.EDITORIAL,
      rationale: 'Generated: a copy of a curated link.',
    }));
  const cite = (list: { source: string; section: string }[] | undefined) =>
    (list ?? []).map((c) => ({ source: mine('source', c.source), section: c.section }));
  const text = (original: string) => reword(rng, original, phrase);
  const years = (range: { min?: number | null; max?: number | null } | undefined) =>
    jitterYears(rng, range);
  const named = (name: string) => `${Phrase} ${lowerFirst(name)}`;

  const sources = base.sources.map((s) => ({
    slug: mine('source', s.slug),
    title: `${s.title} (${phrase} edition)`,
    ...(s.publisher ? { publisher: s.publisher } : {}),
    ...(s.description ? { description: text(s.description) } : {}),
  }));
  const organizations = base.organizations.map((o) => ({
    slug: mine('organization', o.slug),
    name: nameOfSlug(mine('organization', o.slug)),
    ...(o.description ? { description: text(o.description) } : {}),
    cite: cite(o.cite),
  }));
  const skills = base.skills.map((s) => ({
    slug: mine('skill', s.slug),
    name: `${s.name} for ${phrase}`,
    category: s.category,
    description: text(s.description),
    aliases: s.aliases.map((a) => `${a} (${phrase})`),
    // A top-level skill of the copy narrows its real counterpart: the hierarchy deepens with scale.
    broader: s.broader ? mine('skill', s.broader) : s.slug,
    cite: cite(s.cite),
  }));
  const certifications = base.certifications.map((c) => ({
    slug: mine('certification', c.slug),
    name: `${c.name}, ${phrase} track`,
    issuer: mine('organization', c.issuer),
    description: text(c.description),
    aliases: c.aliases.map((a) => `${a}-${prefix}`),
    skills: refs('skill', c.skills),
    roles: refs('role', c.roles),
    levels: refs('level', c.levels),
    provenance: generatedBasis('roles', 'levels'),
    cite: cite(c.cite),
  }));
  const credentials = base.credentials.map((c) => ({
    slug: mine('credential', c.slug),
    name: `${c.name} (${phrase})`,
    kind: c.kind,
    bestFor: text(c.bestFor),
    howItHelps: text(c.howItHelps),
    roles: refs('role', c.roles),
    provenance: generatedBasis('roles'),
    cite: cite(c.cite),
  }));
  const sectors = base.sectors.map((s) => ({
    slug: mine('sector', s.slug),
    name: named(s.name),
    description: text(s.description),
    cite: cite(s.cite),
  }));
  const employers = base.employers.map((e) => ({
    slug: mine('employer', e.slug),
    name: nameOfSlug(mine('employer', e.slug)),
    sectors: refs('sector', e.sectors),
    roles: refs('role', e.roles),
    workAreas: e.workAreas,
    offersInternships: rng() < 0.5 ? e.offersInternships : !e.offersInternships,
    internshipFocus: e.internshipFocus,
    cite: cite(e.cite),
  }));
  const requirements = (list: { skill: string; importance: string }[]) => {
    const seen = new Set<string>();
    return list
      .map((q) => ({ skill: ref('skill', q.skill), importance: q.importance }))
      .filter((q) => !seen.has(q.skill) && seen.add(q.skill));
  };
  const roles = base.roles.map((r) => ({
    slug: mine('role', r.slug),
    name: named(r.name),
    summary: text(r.summary),
    aliases: r.aliases.map((a) => `${phrase} ${a}`),
    related: refs('role', r.related).filter((s) => s !== mine('role', r.slug)),
    ...(r.licenseRequired !== undefined ? { licenseRequired: r.licenseRequired } : {}),
    skills: requirements(r.skills),
    levels: r.levels.map((l) => ({
      slug: mine('level', l.slug),
      name: named(l.name),
      rank: l.rank,
      summary: text(l.summary),
      titles: l.titles.map((t) => `${t}, ${phrase}`),
      responsibilities: l.responsibilities,
      ...optional('yearsInLevel', years(l.yearsInLevel)),
      ...optional('yearsOfExperience', years(l.yearsOfExperience)),
      skills: requirements(l.skills),
      cite: cite(l.cite),
    })),
    salaryBands: r.salaryBands.map((b) => {
      const factor = 0.8 + rng() * 0.45;
      const pay = (v: number | undefined) =>
        v === undefined ? undefined : Math.round((v * factor) / 1000) * 1000;
      return {
        slug: `${prefix}-${b.slug}`,
        ...(b.level ? { level: mine('level', b.level) } : {}),
        label: b.label,
        currency: b.currency,
        period: b.period,
        region: b.region,
        ...(b.year !== undefined ? { year: b.year } : {}),
        ...optional('min', b.period === 'HOURLY' ? b.min : pay(b.min)),
        ...optional('max', b.period === 'HOURLY' ? b.max : pay(b.max)),
        cite: cite(b.cite),
      };
    }),
    transitions: r.transitions.map((t) => {
      // Some moves come in from an earlier copy, some leave for one: the copies join up.
      const roll = rng();
      const from = roll < TRANSITION_FROM_SHARE ? ref('level', t.from, 1) : mine('level', t.from);
      const to =
        roll >= TRANSITION_FROM_SHARE && roll < TRANSITION_FROM_SHARE + TRANSITION_TO_SHARE
          ? ref('level', t.to, 1)
          : mine('level', t.to);
      return {
        from,
        to,
        kind: t.kind,
        ...optional('typicalYears', years(t.typicalYears)),
        skillsToGain: refs('skill', t.skillsToGain),
        cite: cite(t.cite),
      };
    }),
    outlooks: r.outlooks.map((o) => ({
      slug: `${prefix}-${o.slug}`,
      ...(o.growthPercent !== undefined
        ? { growthPercent: Math.round(o.growthPercent * (0.5 + rng())) }
        : {}),
      ...(o.throughYear !== undefined ? { throughYear: o.throughYear } : {}),
      description: text(o.description),
      cite: cite(o.cite),
    })),
    cite: cite(r.cite),
  }));
  const insights = base.insights.map((n) => ({
    slug: `${prefix}-${n.slug}`,
    kind: n.kind,
    title: `${n.title} (${phrase})`,
    text: text(n.text),
    points: n.points,
    roles: refs('role', n.roles),
    levels: refs('level', n.levels),
    skills: refs('skill', n.skills),
    cite: cite(n.cite),
  }));
  const internshipKinds = base.internshipKinds.map((i) => ({
    slug: `${prefix}-${i.slug}`,
    name: named(i.name),
    description: text(i.description),
    focusAreas: i.focusAreas,
    sectors: refs('sector', i.sectors),
    employers: refs('employer', i.employers),
    cite: cite(i.cite),
  }));
  const advancementPaths = base.advancementPaths.map((a) => ({
    slug: `${prefix}-${a.slug}`,
    name: named(a.name),
    description: text(a.description),
    roles: refs('role', a.roles),
    cite: cite(a.cite),
  }));
  const salaryFactors = base.salaryFactors.map((f) => ({
    slug: `${prefix}-${f.slug}`,
    name: named(f.name),
    description: text(f.description),
    roles: refs('role', f.roles),
    cite: cite(f.cite),
  }));
  const careerDirections = (base.careerDirections ?? []).map((d) => ({
    slug: `${prefix}-${d.slug}`,
    from: refs('role', [d.from])[0],
    to: refs('role', [d.to])[0],
    ...optional(
      'advancementPath',
      d.advancementPath === undefined ? undefined : `${prefix}-${d.advancementPath}`,
    ),
    basis: d.basis,
    ...optional('rationale', d.rationale === undefined ? undefined : text(d.rationale)),
    // a STATED direction must carry spans: the copy keeps the real ones (the copy's sources are renamed copies)
    cite: (d.cite ?? []).map((c) => ({
      source: mine('source', c.source),
      section: c.section,
      ...(c.span ? { span: c.span } : {}),
    })),
  }));
  return {
    sources,
    organizations,
    skills,
    certifications,
    credentials,
    sectors,
    employers,
    roles,
    insights,
    internshipKinds,
    advancementPaths,
    salaryFactors,
    careerDirections,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A seeded rewording: a subset of the sentences, in order, and a sentence naming the domain. */
function reword(rng: Rng, original: string, phrase: string): string {
  const sentences = original.split(/(?<=[.!?])\s+/).filter(Boolean);
  const kept = sentences.filter(() => rng() < 0.75);
  if (kept.length === 0) kept.push(sentences[Math.floor(rng() * sentences.length)] ?? original);
  return `${kept.join(' ')} Seen in ${phrase} teams.`;
}

/** Years scaled by 0.75 to 1.25, to the half year, min kept at or below max and within 0..60. */
function jitterYears(
  rng: Rng,
  range: { min?: number | null; max?: number | null } | undefined,
): { min?: number; max?: number } | undefined {
  if (!range) return undefined;
  const factor = 0.75 + rng() * 0.5;
  const scaled = (v: number | null | undefined) =>
    v == null ? undefined : Math.min(60, Math.round(v * factor * 2) / 2);
  const min = scaled(range.min);
  let max = scaled(range.max);
  if (min !== undefined && max !== undefined && max < min) max = min;
  return { ...optional('min', min), ...optional('max', max) };
}

/** What `writeSyntheticSeeds` wrote. */
export interface SyntheticManifest {
  scale: number;
  seed: number;
  /** Record counts of the whole generated graph (the real copy included). */
  counts: Record<string, number>;
}

const MANIFEST = 'synthetic.json';

/** Counts of the records a seed set holds, nested ones (levels, transitions, bands...) included. */
export function countRecords(set: SeedSet): Record<string, number> {
  const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);
  return {
    roles: set.roles.length,
    levels: sum(set.roles, (r) => r.levels.length),
    transitions: sum(set.roles, (r) => r.transitions.length),
    salaryBands: sum(set.roles, (r) => r.salaryBands.length),
    requirements: sum(set.roles, (r) => r.skills.length + sum(r.levels, (l) => l.skills.length)),
    skills: set.skills.length,
    employers: set.employers.length,
    sectors: set.sectors.length,
    certifications: set.certifications.length,
    credentials: set.credentials.length,
    insights: set.insights.length,
    sources: set.sources.length,
    citations: countCitations(set),
  };
}

function countCitations(set: SeedSet): number {
  let n = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'cite' && Array.isArray(v)) n += v.length;
        // a provenance entry's spans live in its record's provenance, not in the citations table
        else if (key !== 'provenance') walk(v);
      }
    }
  };
  walk(set);
  return n;
}

/**
 * Writes the real seeds (`from`, copied as they are, under `real/`) and the generated copies
 * (under `synthetic/`) to `out`, with a `synthetic.json` manifest. `out` must be empty, missing,
 * or a directory this function wrote before (it is then replaced).
 */
export function writeSyntheticSeeds(
  from: string,
  out: string,
  options: SyntheticOptions,
): SyntheticManifest {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MANIFEST))) {
    throw new Error(
      `${out} is not empty and was not written by seed:synthetic; refusing to replace it`,
    );
  }
  const { set } = readSeeds(from);
  const copies = synthesize(set, options);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'synthetic'), { recursive: true });
  cpSync(from, join(out, 'real'), { recursive: true });
  const counts = countRecords(set);
  for (const copy of copies) {
    writeFileSync(
      join(out, 'synthetic', copy.file),
      stringify(copy.doc, { aliasDuplicateObjects: false, lineWidth: 0 }),
    );
    const more = countRecords(copy.doc as unknown as SeedSet);
    for (const key of Object.keys(counts)) counts[key] += more[key];
  }
  const manifest: SyntheticManifest = { scale: options.scale, seed: options.seed, counts };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
