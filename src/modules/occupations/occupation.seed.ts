/**
 * The seed format of occupation records (docs/occupations.md): a classification code, the roles
 * mapped to it and the pay statistics published for it. Checked on load like every seed kind;
 * a code is checked against its system's format and the message names the field.
 */
import { Type } from 'class-transformer';
import {
  IsArray,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { SalaryPeriod } from '../salaries/salary-band.entity';
import { codeFormatProblem, MatchType, OccupationSystem } from './occupation-codes';
import { WageStatisticKind } from './wage-statistic.entity';
import { SLUG_PATTERN } from '../../core/rules';

const SLUG = SLUG_PATTERN;
const SLUG_MESSAGE = '$property must be lower-case words joined by hyphens, got "$value"';
const URL_OPTIONS = { require_protocol: true, protocols: ['http', 'https'] };

/** A code whose format fits the record's system. */
@ValidatorConstraint({ name: 'occupationCode' })
export class OccupationCodeFormat implements ValidatorConstraintInterface {
  private problem(args: ValidationArguments): string | null {
    const { system } = args.object as { system?: OccupationSystem };
    if (!system || !Object.values(OccupationSystem).includes(system)) return null; // reported on system
    return typeof args.value === 'string'
      ? codeFormatProblem(system, args.value)
      : 'code must be a string';
  }
  validate(_: unknown, args: ValidationArguments): boolean {
    return this.problem(args) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return this.problem(args) as string;
  }
}

export class OccupationRoleSeed {
  @Matches(SLUG, { message: SLUG_MESSAGE }) role: string;
  @IsEnum(MatchType, {
    message: `match must be one of ${Object.values(MatchType).join(', ')}, got "$value"`,
  })
  match: MatchType;
  @IsOptional() @IsString() @MinLength(1) note?: string;
}

export class WageStatisticSeed {
  @IsEnum(WageStatisticKind, {
    message: `statistic must be one of ${Object.values(WageStatisticKind).join(', ')}, got "$value"`,
  })
  statistic: WageStatisticKind;
  @IsInt() @Min(0) amount: number;
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD, got "$value"' })
  currency: string = 'USD';
  @IsOptional() @IsEnum(SalaryPeriod) period: SalaryPeriod = SalaryPeriod.ANNUAL;
  @IsString() @MinLength(1) region: string;
  @IsOptional() @IsInt() @Min(1900) @Max(2100) year?: number;
  @IsString() @MinLength(1) referencePeriod: string;
  @IsString() @MinLength(1) publisher: string;
  @IsUrl(URL_OPTIONS, {
    message: 'url must be the http(s) address of the page the figure was read from, got "$value"',
  })
  url: string;
  @IsISO8601(
    { strict: true },
    { message: 'readOn must be the date the page was read, as YYYY-MM-DD, got "$value"' },
  )
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'readOn must be a date as YYYY-MM-DD, got "$value"' })
  readOn: string;
  @IsOptional() @IsString() @MinLength(1) note?: string;
}

export class OccupationSeed {
  @IsEnum(OccupationSystem, {
    message: `system must be one of ${Object.values(OccupationSystem).join(', ')}, got "$value"`,
  })
  system: OccupationSystem;
  @IsString() @Validate(OccupationCodeFormat) code: string;
  @IsString() @MinLength(1) title: string;
  @Matches(SLUG, {
    message:
      'classification must be the slug of the source record of the classification, got "$value"',
  })
  classification: string;
  @IsUrl(URL_OPTIONS, {
    message: 'url must be the http(s) address of the page the code was read from, got "$value"',
  })
  url: string;
  @IsISO8601(
    { strict: true },
    { message: 'readOn must be the date the page was read, as YYYY-MM-DD, got "$value"' },
  )
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'readOn must be a date as YYYY-MM-DD, got "$value"' })
  readOn: string;
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OccupationRoleSeed)
  roles?: OccupationRoleSeed[];
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WageStatisticSeed)
  wages?: WageStatisticSeed[];
}
