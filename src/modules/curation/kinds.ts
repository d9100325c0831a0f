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
}

const cited = (
  name: CitedType,
  entity: KindSpec['entity'],
  fields: Record<string, FieldSpec>,
  citeRequired = true,
): KindSpec => ({
  name,
  entity,
  cited: name,
  citeRequired,
  fields,
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
  },
  cited(
    'Organization',
    Organization,
    { name: text('name', 200), description: text('description', 2000, false) },
    false,
  ),
  cited('Skill', Skill, {
    name: text('name', 200),
    category: enumOf('category', SkillCategory, SkillCategory),
    description: text('description', 2000),
    aliases: textList('aliases', 'Other names for exactly this skill.'),
    relatedTerms: textList(
      'relatedTermsList',
      'Nearby things that are not this skill (never matched as it).',
    ),
    broader: ref('Skill', 'broaderId', false, 'Slug of the wider skill this one is part of.'),
  }),
  cited('Role', Role, {
    name: text('name', 200),
    summary: text('summary', 4000),
    aliases: textList('aliases'),
    licenseRequired: bool('licenseRequired', null),
  }),
  cited('RoleLevel', RoleLevel, {
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
  }),
  cited('Certification', Certification, {
    name: text('name', 200),
    issuer: ref('Organization', 'issuerId', true, 'Slug of the issuing organization.'),
    description: text('description', 2000),
    aliases: textList('aliases'),
    provenance: provenance('provenanceList'),
  }),
  cited('Credential', Credential, {
    name: text('name', 200),
    kind: enumOf('kind', CredentialKind, CredentialKind),
    bestFor: text('bestFor', 2000),
    howItHelps: text('howItHelps', 2000),
    provenance: provenance('provenanceList'),
  }),
  cited('Sector', Sector, { name: text('name', 200), description: text('description', 2000) }),
  cited('Employer', Employer, {
    name: text('name', 200),
    workAreas: textList('workAreas'),
    offersInternships: bool('internshipsOffered', null),
    internshipFocus: textList('internshipFocus'),
  }),
  cited('SalaryBand', SalaryBand, {
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
  }),
  cited('JobOutlook', JobOutlook, {
    role: ref('Role', 'roleId', true, 'Slug of the role the forecast is for.'),
    growthPercent: number('growthPercent', -100, 1000),
    throughYear: int('throughYear', 1900, 2100),
    description: text('description', 2000),
  }),
  cited('Insight', Insight, {
    kind: enumOf('kind', InsightKind, InsightKind),
    title: text('title', 300),
    text: text('text', 4000),
    points: textList('points'),
  }),
  cited('InternshipKind', InternshipKind, {
    name: text('name', 200),
    description: text('description', 2000),
    focusAreas: textList('focusAreas'),
  }),
  cited('AdvancementPath', AdvancementPath, {
    name: text('name', 200),
    description: text('description', 2000),
  }),
  cited('SalaryFactor', SalaryFactor, {
    name: text('name', 200),
    description: text('description', 2000),
  }),
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

const SPECS: Record<string, Record<string, FieldSpec>> = {
  ...Object.fromEntries(KINDS.map((k) => [k.name, k.fields])),
  CareerTransition: TRANSITION_FIELDS,
};

/**
 * The API's rule for a field of a kind, as a decorator for the seed format's classes: the same
 * validators (type, length, format, range, no NUL), optional where the API's field is.
 */
export function apiRule(kind: string, field: string): PropertyDecorator {
  const spec = SPECS[kind]?.[field];
  if (!spec) throw new Error(`no API field ${kind}.${field}`);
  return (target, key) => {
    if (!spec.required && spec.default == null) IsOptional()(target, key);
    for (const validate of spec.validators) validate(target, key);
  };
}
