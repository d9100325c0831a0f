import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { ObjectLiteral } from 'typeorm';
import { Certification } from '../certifications/certification.entity';
import { Organization } from '../certifications/organization.entity';
import { Credential, CredentialKind } from '../credentials/credential.entity';
import { Employer } from '../employers/employer.entity';
import { Sector } from '../employers/sector.entity';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { CareerDirection } from '../directions/career-direction.entity';
import { Basis } from '../../core/basis';
import { Insight, InsightKind } from '../guidance/insight.entity';
import { InternshipKind } from '../guidance/internship-kind.entity';
import { CareerTransition, TransitionKind } from '../paths/career-transition.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Role } from '../roles/role.entity';
import { JobOutlook } from '../salaries/job-outlook.entity';
import { SalaryBand, SalaryPeriod } from '../salaries/salary-band.entity';
import { SalaryFactor } from '../salaries/salary-factor.entity';
import { Skill, SkillCategory } from '../skills/skill.entity';
import { CitedType } from '../sources/citation.entity';
import { Source } from '../sources/source.entity';
import { BoundQualifier } from '../../core/quantity';
import {
  bool,
  currency,
  sections,
  sha256,
  enumOf,
  FieldSpec,
  int,
  intMax,
  number,
  provenance,
  ref,
  text,
  textList,
  yearRange,
} from './fields';
import { SLUG_PATTERN } from '../../core/rules';

/**
 * A relation kept in a link table (owner id, target id): seed files and exports carry it as a
 * list of the targets' slugs under the relation's name.
 */
export interface LinkSpec {
  /** The kind linked to (its `name`). */
  target: string;
  table: string;
  owner: string;
  column: string;
}

/** Where a kind sits in the seed files. */
export interface SeedSpec {
  /** The top-level key of a seed file holding its records. */
  section: string;
  /** The file the export writes them to; unset for roles (one file each) and their parts. */
  file?: string;
  /**
   * Whether the seeding layer reads, writes and checks it from `fields` and `links` alone
   * (src/seeding/generic-kinds.ts). Kinds with parts, self references or cross-field rules have
   * their own code there instead.
   */
  generic: boolean;
  /** Key order of an exported record, when the links do not simply follow the fields. */
  order?: string[];
  /** Set for records held inside a role's file (`roles[].levels`) rather than in a section. */
  partOfRole?: true;
}

/** What search makes of a kind's records: each entry names a field of `fields` (or a link). */
export interface SearchSpec {
  /** Words naming the kind ("certification"), or the field whose value does ("kind"). */
  label: string | { field: string };
  name: string;
  aliases?: string[];
  /** The record's own lists of nearby names, weighted as the names of related records. */
  related?: string[];
  /** Prose: text fields joined by a space, a list's items by ". ". */
  body: string[];
  /** Reference fields and links whose targets' names count as related names. */
  linked?: string[];
}

/** One kind of record editors can create, update and delete. */
export interface KindSpec {
  /** GraphQL type name; mutations are named `<camelName>Create` and so on. */
  name: string;
  entity: { new (): ObjectLiteral };
  /** Citation subject type, or null for kinds that carry no citations (sources). */
  cited: CitedType | null;
  /** Whether a create must carry at least one citation. */
  citeRequired: boolean;
  fields: Record<string, FieldSpec>;
  /** Many-to-many relations, by the name seed files give them. */
  links?: Record<string, LinkSpec>;
  seed?: SeedSpec;
  search?: SearchSpec;
}

type KindParts = Pick<KindSpec, 'links' | 'seed' | 'search'>;

const cited = (
  name: CitedType,
  entity: KindSpec['entity'],
  fields: Record<string, FieldSpec>,
  parts: KindParts,
  citeRequired = true,
): KindSpec => ({
  name,
  entity,
  cited: name,
  citeRequired,
  fields,
  ...parts,
});

const link = (target: string, table: string, owner: string, column: string): LinkSpec => ({
  target,
  table,
  owner,
  column,
});

const seedIn = (section: string, file?: string, generic = false): SeedSpec => ({
  section,
  file,
  generic,
});

/** Every slugged kind. Career transitions, keyed by their two levels, are declared apart. */
export const KINDS: KindSpec[] = [
  {
    name: 'Source',
    entity: Source,
    cited: null,
    citeRequired: false,
    fields: {
      title: text('title', 300),
      publisher: text('publisher', 200, false),
      file: text('file', 200, false),
      url: text('url', 500, false),
      description: text('description', 2000, false),
      sha256: sha256('sha256', 'SHA-256 of the document the citation spans were taken from.'),
      sections: sections('sections'),
    },
    seed: seedIn('sources', 'sources.yaml'),
    search: { label: 'source', name: 'title', body: ['description'] },
  },
  cited(
    'Organization',
    Organization,
    { name: text('name', 200), description: text('description', 2000, false) },
    {
      seed: seedIn('organizations', 'organizations.yaml', true),
      search: { label: 'organization', name: 'name', body: ['description'] },
    },
    false,
  ),
  cited(
    'Skill',
    Skill,
    {
      name: text('name', 200),
      category: enumOf('category', SkillCategory, SkillCategory),
      description: text('description', 2000),
      aliases: textList('aliases', 'Other names for exactly this skill.'),
      relatedTerms: textList(
        'relatedTermsList',
        'Nearby things that are not this skill (never matched as it).',
      ),
      broader: ref('Skill', 'broaderId', false, 'Slug of the wider skill this one is part of.'),
    },
    {
      seed: seedIn('skills', 'skills.yaml'),
      search: {
        label: 'skill',
        name: 'name',
        aliases: ['aliases'],
        related: ['relatedTerms'],
        body: ['description'],
        linked: ['broader'],
      },
    },
  ),
  cited(
    'Role',
    Role,
    {
      name: text('name', 200),
      summary: text('summary', 4000),
      aliases: textList('aliases'),
      licenseRequired: bool('licenseRequired', null),
    },
    {
      links: { related: link('Role', 'role_relations', 'role_id', 'related_role_id') },
      seed: seedIn('roles'),
      search: { label: 'role', name: 'name', aliases: ['aliases'], body: ['summary'] },
    },
  ),
  cited(
    'RoleLevel',
    RoleLevel,
    {
      role: ref('Role', 'roleId', true, 'Slug of the role this level belongs to.'),
      name: text('name', 200),
      rank: int('rank', 1, 20, true, '1 for the entry level.'),
      summary: text('summary', 4000),
      titles: textList('titles'),
      responsibilities: textList('responsibilities'),
      yearsInLevel: yearRange(
        'yearsInLevelMin',
        'yearsInLevelMax',
        'How long people typically stay.',
      ),
      yearsOfExperience: yearRange(
        'yearsOfExperienceMin',
        'yearsOfExperienceMax',
        'Total experience the level asks for.',
      ),
    },
    {
      seed: { ...seedIn('levels'), partOfRole: true },
      search: {
        label: 'level',
        name: 'name',
        aliases: ['titles'],
        body: ['summary', 'responsibilities'],
        linked: ['role'],
      },
    },
  ),
  cited(
    'Certification',
    Certification,
    {
      name: text('name', 200),
      issuer: ref('Organization', 'issuerId', true, 'Slug of the issuing organization.'),
      description: text('description', 2000),
      aliases: textList('aliases'),
      provenance: provenance('provenanceList'),
    },
    {
      links: {
        skills: link('Skill', 'certification_skills', 'certification_id', 'skill_id'),
        roles: link('Role', 'certification_roles', 'certification_id', 'role_id'),
        levels: link('RoleLevel', 'certification_levels', 'certification_id', 'level_id'),
      },
      seed: seedIn('certifications', 'certifications.yaml'),
      search: {
        label: 'certification',
        name: 'name',
        aliases: ['aliases'],
        body: ['description'],
        linked: ['issuer', 'skills'],
      },
    },
  ),
  cited(
    'Credential',
    Credential,
    {
      name: text('name', 200),
      kind: enumOf('kind', CredentialKind, CredentialKind),
      bestFor: text('bestFor', 2000),
      howItHelps: text('howItHelps', 2000),
      provenance: provenance('provenanceList'),
    },
    {
      links: { roles: link('Role', 'credential_roles', 'credential_id', 'role_id') },
      seed: seedIn('credentials', 'credentials.yaml'),
      search: { label: 'credential', name: 'name', body: ['bestFor', 'howItHelps'] },
    },
  ),
  cited(
    'Sector',
    Sector,
    { name: text('name', 200), description: text('description', 2000) },
    {
      seed: seedIn('sectors', 'sectors.yaml', true),
      search: { label: 'sector', name: 'name', body: ['description'] },
    },
  ),
  cited(
    'Employer',
    Employer,
    {
      name: text('name', 200),
      workAreas: textList('workAreas'),
      offersInternships: bool('internshipsOffered', null),
      internshipFocus: textList('internshipFocus'),
    },
    {
      links: {
        sectors: link('Sector', 'employer_sectors', 'employer_id', 'sector_id'),
        roles: link('Role', 'employer_roles', 'employer_id', 'role_id'),
      },
      seed: {
        ...seedIn('employers', 'employers.yaml', true),
        order: [
          'slug',
          'name',
          'sectors',
          'roles',
          'workAreas',
          'offersInternships',
          'internshipFocus',
          'cite',
        ],
      },
      search: {
        label: 'employer',
        name: 'name',
        related: ['workAreas'],
        body: ['internshipFocus'],
        linked: ['sectors'],
      },
    },
  ),
  cited(
    'SalaryBand',
    SalaryBand,
    {
      role: ref('Role', 'roleId', true, 'Slug of the role the band is for.'),
      level: ref(
        'RoleLevel',
        'levelId',
        false,
        "Slug of one of the role's levels; leave out for the whole role.",
      ),
      label: text('label', 300),
      currency: currency('currency'),
      period: enumOf('period', SalaryPeriod, SalaryPeriod),
      region: text(
        'region',
        100,
        false,
        'Where the figure holds; leave out when the source does not say.',
      ),
      year: int('year', 1900, 2100),
      min: int('min', 0, 100_000_000),
      max: intMax('max', 0, 100_000_000, 'Not below min.'),
      minQualifier: enumOf('minQualifier', BoundQualifier, BoundQualifier, false),
      maxQualifier: enumOf('maxQualifier', BoundQualifier, BoundQualifier, false),
      orMore: bool('orMore', false),
      appliesTo: text(
        'appliesTo',
        300,
        false,
        'Whom the figure is about, in your words, when the source ties it to a group rather than a level.',
      ),
      topic: text(
        'topic',
        100,
        false,
        'What the figure measures ("average pay"); figures of one role with the same topic are served side by side.',
      ),
      provenance: provenance('provenanceList'),
    },
    { seed: { ...seedIn('salaryBands'), partOfRole: true } },
  ),
  cited(
    'JobOutlook',
    JobOutlook,
    {
      role: ref('Role', 'roleId', true, 'Slug of the role the forecast is for.'),
      growthPercent: number('growthPercent', -100, 1000),
      throughYear: int('throughYear', 1900, 2100),
      description: text('description', 2000),
    },
    { seed: { ...seedIn('outlooks'), partOfRole: true } },
  ),
  cited(
    'Insight',
    Insight,
    {
      kind: enumOf('kind', InsightKind, InsightKind),
      title: text('title', 300),
      text: text('text', 4000),
      points: textList('points'),
    },
    {
      links: {
        roles: link('Role', 'insight_roles', 'insight_id', 'role_id'),
        levels: link('RoleLevel', 'insight_levels', 'insight_id', 'level_id'),
        skills: link('Skill', 'insight_skills', 'insight_id', 'skill_id'),
      },
      seed: seedIn('insights', 'guidance/insights.yaml', true),
      search: { label: { field: 'kind' }, name: 'title', body: ['text', 'points'] },
    },
  ),
  cited(
    'InternshipKind',
    InternshipKind,
    {
      name: text('name', 200),
      description: text('description', 2000),
      focusAreas: textList('focusAreas'),
    },
    {
      links: {
        sectors: link('Sector', 'internship_kind_sectors', 'internship_kind_id', 'sector_id'),
        employers: link(
          'Employer',
          'internship_kind_employers',
          'internship_kind_id',
          'employer_id',
        ),
      },
      seed: seedIn('internshipKinds', 'guidance/internship-kinds.yaml', true),
      search: {
        label: 'internship',
        name: 'name',
        body: ['description', 'focusAreas'],
        linked: ['sectors'],
      },
    },
  ),
  cited(
    'AdvancementPath',
    AdvancementPath,
    { name: text('name', 200), description: text('description', 2000) },
    {
      links: { roles: link('Role', 'advancement_path_roles', 'advancement_path_id', 'role_id') },
      seed: seedIn('advancementPaths', 'guidance/advancement-paths.yaml', true),
      search: { label: 'advancement path', name: 'name', body: ['description'] },
    },
  ),
  cited(
    'SalaryFactor',
    SalaryFactor,
    { name: text('name', 200), description: text('description', 2000) },
    {
      links: { roles: link('Role', 'salary_factor_roles', 'salary_factor_id', 'role_id') },
      seed: seedIn('salaryFactors', 'guidance/salary-factors.yaml', true),
      search: { label: 'salary factor', name: 'name', body: ['description'] },
    },
  ),
  // a STATED direction needs a citation with a span, an EDITORIAL one a rationale (checkRules)
  cited(
    'CareerDirection',
    CareerDirection,
    {
      from: ref(
        'Role',
        'fromRoleId',
        true,
        'Slug of the role the direction starts from: anywhere among its levels.',
      ),
      to: ref('Role', 'toRoleId', true, 'Slug of the role the sources name as the destination.'),
      advancementPath: ref(
        'AdvancementPath',
        'advancementPathId',
        false,
        'Slug of the advancement path the direction belongs to, if any.',
      ),
      basis: enumOf('basis', Basis, Basis),
      rationale: text(
        'rationale',
        1000,
        false,
        'Required for EDITORIAL: why a curator added it. For STATED, what the sources leave open (optional).',
      ),
    },
    { seed: seedIn('careerDirections', 'guidance/career-directions.yaml') },
    false,
  ),
];

/** Career transitions: selected by their two level slugs rather than a slug of their own. */
export const TRANSITION_FIELDS: Record<string, FieldSpec> = {
  kind: enumOf('kind', TransitionKind, TransitionKind),
  typicalYears: yearRange(
    'typicalYearsMin',
    'typicalYearsMax',
    'Typical years spent at `from` before the move.',
  ),
  // an EDITORIAL start needs a rationale (checkTransitionStart)
  startBasis: {
    ...enumOf('startBasis', Basis, Basis, false),
    description:
      "STATED (the default): a cited span names the starting level; EDITORIAL: the starting level is a curator's choice, with startRationale.",
  },
  startRationale: text(
    'startRationale',
    1000,
    false,
    'Required when startBasis is EDITORIAL: why a curator chose this starting level, in our words.',
  ),
};

export const TRANSITION_ENTITY = CareerTransition;

/** The skills a transition lists (set as a whole, so not a column field). */
export const TRANSITION_SKILLS_VALIDATORS = [
  IsArray(),
  ArrayMaxSize(50),
  Matches(SLUG_PATTERN, { each: true, message: 'skillsToGain must hold skill slugs' }),
];

/** A registered kind by its name, or undefined. */
export const kindNamed = (name: string): KindSpec | undefined => KINDS.find((k) => k.name === name);

/** The kinds search finds: kept current as kinds are registered. */
export const SEARCHED_TYPES = new Set<string>();
for (const k of KINDS) if (k.search) SEARCHED_TYPES.add(k.name);

/**
 * Adds a kind to the registry. Seeding, export and search read the registry when they run, so a
 * kind registered before they do is loaded, exported and found like the built-in ones; its
 * curation mutations exist in schemas built after it is registered (src/modules/curation/index.ts).
 */
export function registerKind(spec: KindSpec): void {
  if (kindNamed(spec.name)) throw new Error(`kind ${spec.name} is already registered`);
  const section = spec.seed?.section;
  if (section && KINDS.some((k) => k.seed?.section === section))
    throw new Error(`seed section ${section} is already taken`);
  KINDS.push(spec);
  if (spec.search) SEARCHED_TYPES.add(spec.name);
}

const fieldsOf = (kind: string): Record<string, FieldSpec> | undefined =>
  kind === 'CareerTransition' ? TRANSITION_FIELDS : kindNamed(kind)?.fields;

/**
 * The API's rule for a field of a kind, as a decorator for the seed format's classes: the same
 * validators (type, length, format, range, no NUL), optional where the API's field is.
 */
export function apiRule(kind: string, field: string): PropertyDecorator {
  const spec = fieldsOf(kind)?.[field];
  if (!spec) throw new Error(`no API field ${kind}.${field}`);
  return (target, key) => {
    if (!spec.required && spec.default == null) IsOptional()(target, key);
    for (const validate of spec.validators) validate(target, key);
  };
}
