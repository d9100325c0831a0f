/** The seed format of certification lifecycles (docs/certifications.md), checked on load. */
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { CertificationStatus } from './lifecycle.entity';
import { SLUG_PATTERN } from '../../core/rules';

const SLUG = SLUG_PATTERN;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LifecycleCitationSeed {
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'] },
    { message: 'url must be the http(s) address of the page read, got "$value"' },
  )
  url: string;
  @Matches(DATE, { message: 'readOn must be a date as YYYY-MM-DD, got "$value"' })
  @IsISO8601({ strict: true })
  readOn: string;
  @IsString() @MinLength(1) supports: string;
  @IsBoolean() issuerPage: boolean;
}

export class CertificationLifecycleSeed {
  @Matches(SLUG, { message: 'certification must be a certification slug, got "$value"' })
  certification: string;
  @IsEnum(CertificationStatus, {
    message: `status must be one of ${Object.values(CertificationStatus).join(', ')}, got "$value"`,
  })
  status: CertificationStatus;
  @IsOptional()
  @Matches(DATE, { message: 'statusDate must be a date as YYYY-MM-DD, got "$value"' })
  @IsISO8601({ strict: true })
  statusDate?: string;
  @IsArray()
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]*$/, {
    each: true,
    message: 'examCodes must be exam codes such as DVA-C02, got "$value"',
  })
  examCodes: string[] = [];
  @IsOptional() @IsInt() @Min(1) @Max(240) validityMonths?: number;
  @IsOptional() @IsString() @MinLength(1) renewal?: string;
  @IsOptional()
  @Matches(SLUG, { message: 'successor must be a certification slug, got "$value"' })
  successor?: string;
  @IsOptional() @IsString() @MinLength(1) note?: string;
  @IsArray()
  @ArrayNotEmpty({ message: 'every lifecycle needs at least one page in pages' })
  @ValidateNested({ each: true })
  @Type(() => LifecycleCitationSeed)
  pages: LifecycleCitationSeed[];
}
