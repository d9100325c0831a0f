/**
 * The seed file format (docs/data-format.md), as class-validator classes: these classes are the
 * schema every file is checked against before anything is written.
 */
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { CredentialKind } from '../modules/credentials/credential.entity';
import { InsightKind } from '../modules/guidance/insight.entity';
import { TransitionKind } from '../modules/paths/career-transition.entity';
import { SalaryPeriod } from '../modules/salaries/salary-band.entity';
import { SkillImportance } from '../modules/skills/skill-requirement.entity';
import { SkillCategory } from '../modules/skills/skill.entity';
import { SHA256_PATTERN } from '../modules/sources/anchor';
import { BoundQualifier, BoundsFit } from '../core/quantity';
import { Basis } from '../core/basis';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MESSAGE = '$property must be lower-case words joined by hyphens, got "$value"';

/** Checks that a range's max is not below its min, on whichever object carries both. */
@ValidatorConstraint({ name: 'minNotAboveMax' })
export class MinNotAboveMax implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const o = args.object as { min?: number | null; max?: number | null };
    return o.min == null || o.max == null || o.min <= o.max;
  }
  defaultMessage(): string {
    return 'max must not be below min';
  }
}

/** Checks that a span's end lies after its start. */
@ValidatorConstraint({ name: 'startBeforeEnd' })
export class StartBeforeEnd implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const o = args.object as { start?: number | null; end?: number | null };
    return o.start == null || o.end == null || o.start < o.end;
  }
  defaultMessage(): string {
    return 'end must lie after start';
  }
}

function SlugList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    IsString({ each: true })(target, key);
    Matches(SLUG_PATTERN, { each: true, message: SLUG_MESSAGE })(target, key);
  };
}

function StringList(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    IsString({ each: true })(target, key);
    MinLength(1, { each: true })(target, key);
  };
}

/** Where in the source the cited words are: code-point offsets and the SHA-256 of the normalised span (docs/citations.md). */
export class SpanSeed {
  @IsInt() @Min(0) start: number;
  @IsInt() @Min(1) @Validate(StartBeforeEnd) end: number;
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 lower-case hex digits, got "$value"' }) sha256: string;
}

export class CitationSeed {
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) source: string;
  @IsString() @MinLength(1) @MaxLength(300) section: string;
  @IsOptional() @ValidateNested() @Type(() => SpanSeed) span?: SpanSeed;
}

/** A heading of a source document; `level` 1 is the top. */
export class SectionSeed {
  @IsString() @MinLength(1) @MaxLength(300) heading: string;
  @IsInt() @Min(1) @Max(6) level: number;
}

function Cited(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayNotEmpty({ message: 'every fact needs at least one citation in cite' })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => CitationSeed)(target, key);
  };
}

export class YearRangeSeed {
  @IsOptional() @IsNumber() @Min(0) @Max(60) min?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(60) @Validate(MinNotAboveMax) max?: number;
  /** How the source states each bound (docs/quantities.md); EXACT when left out. */
  @IsOptional() @IsEnum(BoundQualifier) @Validate(BoundsFit) minQualifier?: BoundQualifier;
  @IsOptional() @IsEnum(BoundQualifier) @Validate(BoundsFit) maxQualifier?: BoundQualifier;
}

abstract class SluggedSeed {
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) @MaxLength(120) slug: string;
}

export class SourceSeed extends SluggedSeed {
  @IsString() @MinLength(1) title: string;
  @IsOptional() @IsString() publisher?: string;
  @IsOptional() @IsString() file?: string;
  @IsOptional() @IsString() url?: string;
  @IsOptional() @IsString() description?: string;
  /** SHA-256 of the whole document the anchors were taken from. */
  @IsOptional() @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 lower-case hex digits, got "$value"' }) sha256?: string;
  /** The document's headings in order, which bound the sections that citations name. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SectionSeed) sections?: SectionSeed[];
}

export class OrganizationSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CitationSeed) cite?: CitationSeed[];
}

export class SkillSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsEnum(SkillCategory) category: SkillCategory;
  @IsString() @MinLength(1) description: string;
  @StringList() aliases: string[] = [];
  /** Nearby things that are not this skill, so not aliases (C# for .NET). */
  @StringList() relatedTerms: string[] = [];
  @IsOptional() @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) broader?: string;
  @Cited() cite: CitationSeed[];
}

export class CertificationSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) issuer: string;
  @IsString() @MinLength(1) description: string;
  @StringList() aliases: string[] = [];
  @SlugList() skills: string[] = [];
  @SlugList() roles: string[] = [];
  @SlugList() levels: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class CredentialSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsEnum(CredentialKind) kind: CredentialKind;
  @IsString() @MinLength(1) bestFor: string;
  @IsString() @MinLength(1) howItHelps: string;
  @SlugList() roles: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class SectorSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsString() @MinLength(1) description: string;
  @Cited() cite: CitationSeed[];
}

export class EmployerSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @SlugList() sectors: string[] = [];
  @SlugList() roles: string[] = [];
  @StringList() workAreas: string[] = [];
  /** Left out when the sources do not say (unknown is not false). */
  @IsOptional() @IsBoolean() offersInternships?: boolean;
  @StringList() internshipFocus: string[] = [];
  @Cited() cite: CitationSeed[];
}

/** Skill requirements carry no citations yet, so a grade can only be a curator's. */
@ValidatorConstraint({ name: 'gradeBasis' })
export class GradeBasisAllowed implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value == null || value === Basis.EDITORIAL;
  }
  defaultMessage(): string {
    return 'a STATED or DERIVED grade needs a citation with a span, and skill requirements cannot carry one yet: use EDITORIAL with a rationale';
  }
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
  @IsString() @MinLength(1) name: string;
  @IsInt() @Min(1) @Max(20) rank: number;
  @IsString() @MinLength(1) summary: string;
  @StringList() titles: string[] = [];
  @StringList() responsibilities: string[] = [];
  @IsOptional() @ValidateNested() @Type(() => YearRangeSeed) yearsInLevel?: YearRangeSeed;
  @IsOptional() @ValidateNested() @Type(() => YearRangeSeed) yearsOfExperience?: YearRangeSeed;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RequirementSeed) skills: RequirementSeed[] = [];
  @Cited() cite: CitationSeed[];
}

export class SalaryBandSeed extends SluggedSeed {
  @IsOptional() @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) level?: string;
  @IsString() @MinLength(1) label: string;
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD, got "$value"' }) currency: string;
  @IsEnum(SalaryPeriod) period: SalaryPeriod;
  /** Left out when the source does not say where the figure holds. */
  @IsOptional() @IsString() @MinLength(1) region?: string;
  @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number;
  @IsOptional() @IsInt() @Min(0) min?: number;
  @IsOptional() @IsInt() @Min(0) @Validate(MinNotAboveMax) max?: number;
  @IsOptional() @IsEnum(BoundQualifier) @Validate(BoundsFit) minQualifier?: BoundQualifier;
  @IsOptional() @IsEnum(BoundQualifier) @Validate(BoundsFit) maxQualifier?: BoundQualifier;
  /** The source says the figure goes on above min ("or more"). */
  @IsOptional() @IsBoolean() @Validate(BoundsFit) orMore?: boolean;
  @Cited() cite: CitationSeed[];
}

export class TransitionSeed {
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) from: string;
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }) to: string;
  @IsEnum(TransitionKind) kind: TransitionKind;
  @IsOptional() @ValidateNested() @Type(() => YearRangeSeed) typicalYears?: YearRangeSeed;
  @SlugList() skillsToGain: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class OutlookSeed extends SluggedSeed {
  @IsOptional() @IsNumber() @Min(-100) @Max(1000) growthPercent?: number;
  @IsOptional() @IsInt() @Min(1900) @Max(2100) throughYear?: number;
  @IsString() @MinLength(1) description: string;
  @Cited() cite: CitationSeed[];
}

export class RoleSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsString() @MinLength(1) summary: string;
  @StringList() aliases: string[] = [];
  @SlugList() related: string[] = [];
  @IsOptional() @IsBoolean() licenseRequired?: boolean;
  /** The rationale of every grade in this file that gives none of its own. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) gradeRationale?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RequirementSeed) skills: RequirementSeed[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => LevelSeed) levels: LevelSeed[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => SalaryBandSeed) salaryBands: SalaryBandSeed[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => TransitionSeed) transitions: TransitionSeed[] = [];
  @IsArray() @ValidateNested({ each: true }) @Type(() => OutlookSeed) outlooks: OutlookSeed[] = [];
  @Cited() cite: CitationSeed[];
}

export class InsightSeed extends SluggedSeed {
  @IsEnum(InsightKind) kind: InsightKind;
  @IsString() @MinLength(1) title: string;
  @IsString() @MinLength(1) text: string;
  @StringList() points: string[] = [];
  @SlugList() roles: string[] = [];
  @SlugList() levels: string[] = [];
  @SlugList() skills: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class InternshipKindSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsString() @MinLength(1) description: string;
  @StringList() focusAreas: string[] = [];
  @SlugList() sectors: string[] = [];
  @SlugList() employers: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class AdvancementPathSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsString() @MinLength(1) description: string;
  @SlugList() roles: string[] = [];
  @Cited() cite: CitationSeed[];
}

export class SalaryFactorSeed extends SluggedSeed {
  @IsString() @MinLength(1) name: string;
  @IsString() @MinLength(1) description: string;
  @SlugList() roles: string[] = [];
  @Cited() cite: CitationSeed[];
}

/** Each top-level key of a seed file and the class its records are checked against. */
export const SEED_KINDS = {
  sources: SourceSeed,
  organizations: OrganizationSeed,
  skills: SkillSeed,
  certifications: CertificationSeed,
  credentials: CredentialSeed,
  sectors: SectorSeed,
  employers: EmployerSeed,
  roles: RoleSeed,
  insights: InsightSeed,
  internshipKinds: InternshipKindSeed,
  advancementPaths: AdvancementPathSeed,
  salaryFactors: SalaryFactorSeed,
} as const;

export type SeedKind = keyof typeof SEED_KINDS;

/** All records of all files, merged by kind. */
export type SeedSet = { [K in SeedKind]: InstanceType<(typeof SEED_KINDS)[K]>[] };
