/**
 * The seed file format (docs/data-format.md), as class-validator classes: these classes are the
 * schema every file (and every export) is checked against before anything is written. Each
 * field takes its rules from the curation API's field specs (`apiRule`, src/modules/curation/
 * kinds.ts), so a seed file can hold nothing the API would refuse: the same lengths, formats,
 * ranges, and no NUL characters.
 */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import {
  CitationInput,
  SourceSectionInput,
  YearRangeInput,
} from '../modules/curation/common.inputs';
import { SLUG_VALIDATORS } from '../modules/curation/fields';
import { apiRule, TRANSITION_SKILLS_VALIDATORS } from '../modules/curation/kinds';
import { genericSeedClass, sectionKinds } from './generic-kinds';
import { MAX_CITATIONS, SLUG_PATTERN } from '../core/rules';
import { CredentialKind } from '../modules/credentials/credential.entity';
import { TransitionKind } from '../modules/paths/career-transition.entity';
import { SalaryPeriod } from '../modules/salaries/salary-band.entity';
import { SkillImportance } from '../modules/skills/skill-requirement.entity';
import { SkillCategory } from '../modules/skills/skill.entity';
import { OccupationSeed } from '../modules/occupations/occupation.seed';
import { CertificationLifecycleSeed } from '../modules/certification-lifecycle/lifecycle.seed';
import { BoundQualifier, BoundsFit } from '../core/quantity';
import { Basis } from '../core/basis';

export { MinNotAboveMax, SLUG_PATTERN } from '../core/rules';
import { GradeBasisAllowed } from '../core/rules';
import { FieldBasisInput } from '../modules/curation/provenance.inputs';

/**
 * Every link of the named list fields carries a basis: some provenance entry covers it (by its
 * `values`, or a whole-field entry). The seeds state how each certification and credential link
 * is known, since the sources rarely say which level a certification suits.
 */
@ValidatorConstraint({ name: 'linksHaveBasis' })
class LinksHaveBasis implements ValidatorConstraintInterface {
  private missing = '';
  validate(list: unknown, args: ValidationArguments): boolean {
    const record = args.object as Record<string, unknown>;
    const entries = (Array.isArray(list) ? list : []) as FieldBasisInput[];
    const gaps: string[] = [];
    for (const field of args.constraints as string[]) {
      const covered = (slug: string) =>
        entries.some(
          (e) =>
            e.field === field && (!e.values || e.values.length === 0 || e.values.includes(slug)),
        );
      for (const slug of (record[field] as string[] | undefined) ?? [])
        if (!covered(slug)) gaps.push(`${field}: ${slug}`);
    }
    this.missing = gaps.join(', ');
    return gaps.length === 0;
  }
  defaultMessage(): string {
    return `provenance must give every link a basis (STATED with cite, or EDITORIAL with a rationale); none for ${this.missing}`;
  }
}

const SLUG_MESSAGE = '$property must be lower-case words joined by hyphens, got "$value"';

/** Several validators as one decorator. */
const all =
  (validators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    validators.forEach((v) => v(target, key));

/** A list of slugs naming other records (links). */
function SlugList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    IsString({ each: true })(target, key);
    Matches(SLUG_PATTERN, { each: true, message: SLUG_MESSAGE })(target, key);
  };
}

/** A citation: the API's CitationInput (source, section, span), so both refuse the same. */
export class CitationSeed extends CitationInput {}

function Cited(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayNotEmpty({ message: 'every fact needs at least one citation in cite' })(target, key);
    ArrayMaxSize(MAX_CITATIONS)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => CitationSeed)(target, key);
  };
}

/** A year range field: the API's YearRangeInput (0 to 60, max not below min). */
function Years(kind: string, field: string): PropertyDecorator {
  return (target, key) => {
    apiRule(kind, field)(target, key);
    Type(() => YearRangeInput)(target, key);
  };
}

abstract class SluggedSeed {
  @all(SLUG_VALIDATORS) slug: string;
}

export class SourceSeed extends SluggedSeed {
  @apiRule('Source', 'title') title: string;
  @apiRule('Source', 'publisher') publisher?: string;
  @apiRule('Source', 'file') file?: string;
  @apiRule('Source', 'url') url?: string;
  @apiRule('Source', 'description') description?: string;
  /** SHA-256 of the whole document the anchors were taken from. */
  @apiRule('Source', 'sha256') sha256?: string;
  /** The document's headings in order, which bound the sections that citations name. */
  @apiRule('Source', 'sections') @Type(() => SourceSectionInput) sections?: SourceSectionInput[];
}

export class SkillSeed extends SluggedSeed {
  @apiRule('Skill', 'name') name: string;
  @apiRule('Skill', 'category') category: SkillCategory;
  @apiRule('Skill', 'description') description: string;
  @apiRule('Skill', 'aliases') aliases: string[] = [];
  /** Nearby things that are not this skill, so not aliases (C# for .NET). */
  @apiRule('Skill', 'relatedTerms') relatedTerms: string[] = [];
  @apiRule('Skill', 'broader') broader?: string;
  @Cited() cite: CitationSeed[];
}

export class CertificationSeed extends SluggedSeed {
  @apiRule('Certification', 'name') name: string;
  @apiRule('Certification', 'issuer') issuer: string;
  @apiRule('Certification', 'description') description: string;
  @apiRule('Certification', 'aliases') aliases: string[] = [];
  @SlugList() skills: string[] = [];
  @SlugList() roles: string[] = [];
  @SlugList() levels: string[] = [];
  /** How each role and level link is known (and any other field that does not rest on cite). */
  @apiRule('Certification', 'provenance')
  @Validate(LinksHaveBasis, ['roles', 'levels'])
  provenance: FieldBasisInput[] = [];
  @Cited() cite: CitationSeed[];
}

export class CredentialSeed extends SluggedSeed {
  @apiRule('Credential', 'name') name: string;
  @apiRule('Credential', 'kind') kind: CredentialKind;
  @apiRule('Credential', 'bestFor') bestFor: string;
  @apiRule('Credential', 'howItHelps') howItHelps: string;
  @SlugList() roles: string[] = [];
  /** How each role link is known. */
  @apiRule('Credential', 'provenance')
  @Validate(LinksHaveBasis, ['roles'])
  provenance: FieldBasisInput[] = [];
  @Cited() cite: CitationSeed[];
}

export class RequirementSeed {
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) skill: string;
  @IsEnum(SkillImportance) importance: SkillImportance;
  /** How the grade is known; EDITORIAL (the default) is the only form a requirement can take so far. */
  @IsOptional() @IsEnum(Basis) @Validate(GradeBasisAllowed) basis?: Basis;
  /** Requirements sharing a group (within a role, or a level) are alternatives: any one meets them. */
  @IsOptional() @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) @MaxLength(60) group?: string;
  /** Why it is graded so; defaults to the role's gradeRationale. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) rationale?: string;
}

export class LevelSeed extends SluggedSeed {
  @apiRule('RoleLevel', 'name') name: string;
  @apiRule('RoleLevel', 'rank') rank: number;
  @apiRule('RoleLevel', 'summary') summary: string;
  @apiRule('RoleLevel', 'titles') titles: string[] = [];
  @apiRule('RoleLevel', 'responsibilities') responsibilities: string[] = [];
  @Years('RoleLevel', 'yearsInLevel') yearsInLevel?: YearRangeInput;
  @Years('RoleLevel', 'yearsOfExperience') yearsOfExperience?: YearRangeInput;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RequirementSeed)
  skills: RequirementSeed[] = [];
  @Cited() cite: CitationSeed[];
}

export class SalaryBandSeed extends SluggedSeed {
  @apiRule('SalaryBand', 'level') level?: string;
  @apiRule('SalaryBand', 'label') label: string;
  @apiRule('SalaryBand', 'currency') currency: string;
  @apiRule('SalaryBand', 'period') period: SalaryPeriod;
  /** Left out when the source does not say where the figure holds. */
  @apiRule('SalaryBand', 'region') region?: string;
  @apiRule('SalaryBand', 'year') year?: number;
  @apiRule('SalaryBand', 'min') min?: number;
  @apiRule('SalaryBand', 'max') max?: number;
  @apiRule('SalaryBand', 'minQualifier') @Validate(BoundsFit) minQualifier?: BoundQualifier;
  @apiRule('SalaryBand', 'maxQualifier') @Validate(BoundsFit) maxQualifier?: BoundQualifier;
  /** The source says the figure goes on above min ("or more"); left out when it does not. */
  @IsOptional() @IsBoolean() @Validate(BoundsFit) orMore?: boolean;
  /** Whom the figure is about when the source names a group rather than a level, in our words. */
  @apiRule('SalaryBand', 'appliesTo') appliesTo?: string;
  /** What the figure measures; bands of a role with one topic are figures for the same thing. */
  @apiRule('SalaryBand', 'topic') topic?: string;
  /** Fields that do not rest on cite, such as a level link that is our reading. */
  @apiRule('SalaryBand', 'provenance') provenance?: FieldBasisInput[];
  @Cited() cite: CitationSeed[];
}

/** A move's starting level: STATED or EDITORIAL, and an EDITORIAL one gives a rationale (as the API checks). */
@ValidatorConstraint({ name: 'transitionStart' })
class TransitionStart implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const t = args.object as TransitionSeed;
    if (t.startBasis === Basis.DERIVED) return false;
    return (
      t.startBasis !== Basis.EDITORIAL ||
      (typeof t.startRationale === 'string' && t.startRationale.trim().length > 0)
    );
  }
  defaultMessage(args: ValidationArguments): string {
    const t = args.object as TransitionSeed;
    return t.startBasis === Basis.DERIVED
      ? 'a starting level is STATED or EDITORIAL, never DERIVED'
      : 'an EDITORIAL starting level needs a startRationale';
  }
}

export class TransitionSeed {
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) from: string;
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) to: string;
  // the start check sits on a field always present: an optional field left out skips its validators
  @apiRule('CareerTransition', 'kind') @Validate(TransitionStart) kind: TransitionKind;
  /** STATED when left out: a cited span names the starting level. */
  @apiRule('CareerTransition', 'startBasis') startBasis?: Basis;
  @apiRule('CareerTransition', 'startRationale') startRationale?: string;
  @Years('CareerTransition', 'typicalYears') typicalYears?: YearRangeInput;
  @all(TRANSITION_SKILLS_VALIDATORS) skillsToGain: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class OutlookSeed extends SluggedSeed {
  @apiRule('JobOutlook', 'growthPercent') growthPercent?: number;
  @apiRule('JobOutlook', 'throughYear') throughYear?: number;
  @apiRule('JobOutlook', 'description') description: string;
  @Cited() cite: CitationSeed[];
}

export class RoleSeed extends SluggedSeed {
  @apiRule('Role', 'name') name: string;
  @apiRule('Role', 'summary') summary: string;
  @apiRule('Role', 'aliases') aliases: string[] = [];
  @SlugList() related: string[] = [];
  @apiRule('Role', 'licenseRequired') licenseRequired?: boolean;
  /** The rationale of every grade in this file that gives none of its own. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) gradeRationale?: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RequirementSeed)
  skills: RequirementSeed[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => LevelSeed) levels: LevelSeed[] = [];
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SalaryBandSeed)
  salaryBands: SalaryBandSeed[] = [];
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TransitionSeed)
  transitions: TransitionSeed[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => OutlookSeed) outlooks: OutlookSeed[] = [];
  @Cited() cite: CitationSeed[];
}

/** A direction's evidence fits its basis: STATED cites at least one span, EDITORIAL gives a rationale (as the API checks). */
@ValidatorConstraint({ name: 'directionEvidence' })
class DirectionEvidence implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const d = args.object as CareerDirectionSeed;
    if (args.property === 'rationale')
      return (
        d.basis !== Basis.EDITORIAL ||
        (typeof d.rationale === 'string' && d.rationale.trim().length > 0)
      );
    return (
      d.basis !== Basis.STATED ||
      (Array.isArray(d.cite) && d.cite.length > 0 && d.cite.every((c) => c?.span != null))
    );
  }
  defaultMessage(args: ValidationArguments): string {
    return args.property === 'rationale'
      ? 'an EDITORIAL direction needs a rationale'
      : 'a STATED direction needs at least one citation, each with a span';
  }
}

/** A destination named without a starting level (src/modules/directions): from a role, anywhere among its levels. */
export class CareerDirectionSeed extends SluggedSeed {
  @apiRule('CareerDirection', 'from') from: string;
  @apiRule('CareerDirection', 'to') to: string;
  @apiRule('CareerDirection', 'advancementPath') advancementPath?: string;
  @apiRule('CareerDirection', 'basis') basis: Basis;
  @apiRule('CareerDirection', 'rationale') @Validate(DirectionEvidence) rationale?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CITATIONS)
  @ValidateNested({ each: true })
  @Type(() => CitationSeed)
  @Validate(DirectionEvidence)
  cite: CitationSeed[] = [];
}

/** The seed classes of the kinds with code of their own in src/seeding, by section. */
const OWN_SEED_CLASSES: Record<string, new () => object> = {
  sources: SourceSeed,
  skills: SkillSeed,
  certifications: CertificationSeed,
  credentials: CredentialSeed,
  roles: RoleSeed,
  careerDirections: CareerDirectionSeed,
};

/** Sections of records that are not curation kinds (their modules declare their own seeds). */
const OTHER_SECTIONS: Record<string, new () => object> = {
  occupations: OccupationSeed,
  certificationLifecycles: CertificationLifecycleSeed,
};

/**
 * Each top-level key of a seed file and the class its records are checked against: the
 * registry's sections (a generic kind's class derived from its declaration), then the others.
 * Read when seeding runs, so a kind registered before then is a section like the rest.
 */
export function seedClasses(): Record<string, new () => object> {
  const out: Record<string, new () => object> = {};
  for (const kind of sectionKinds()) {
    const section = kind.seed?.section as string;
    const cls = kind.seed?.generic ? genericSeedClass(kind) : OWN_SEED_CLASSES[section];
    if (!cls) throw new Error(`kind ${kind.name} has no seed class: mark it generic or write one`);
    out[section] = cls;
  }
  return { ...out, ...OTHER_SECTIONS };
}

/** A top-level key of a seed file. */
export type SeedKind = string;

/** All records of all files, merged by kind: typed for the kinds with their own code. */
export interface SeedSet {
  sources: SourceSeed[];
  skills: SkillSeed[];
  certifications: CertificationSeed[];
  credentials: CredentialSeed[];
  roles: RoleSeed[];
  careerDirections: CareerDirectionSeed[];
  occupations: OccupationSeed[];
  certificationLifecycles: CertificationLifecycleSeed[];
  // a generic kind's fields are declared in the registry, not in a type: its records are loose
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [section: string]: any[];
}
