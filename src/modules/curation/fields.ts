/**
 * Field specs for curation inputs: each says its GraphQL input type, its validation, and how it
 * is stored. Input classes and writes are both derived from them, so a kind is declared once.
 */
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { Float, Int } from 'type-graphql';
import { MinNotAboveMax, plainText, SLUG_PATTERN } from '../../core/rules';
import { SHA256_PATTERN } from '../sources/anchor';
import { Type } from 'class-transformer';
import { SourceSectionInput, YearRangeInput } from './common.inputs';
import { FieldBasisInput } from './provenance.inputs';

/** The node types a reference field may point to, by slug. */
export type RefTarget = 'Role' | 'RoleLevel' | 'Skill' | 'Organization' | 'AdvancementPath';

export interface FieldSpec {
  type: () => unknown;
  required: boolean;
  description?: string;
  validators: PropertyDecorator[];
  /** How the value is stored: a column, a range's two columns, or a slug resolved to an id column. */
  store:
    | { column: string }
    | { range: [string, string]; qualifiers?: [string, string] }
    | { ref: RefTarget; column: string };
  /** The value a create stores when the field is left out. */
  default?: unknown;
  /** The validators' rule in words, for docs/data-format.md (stated where the validators are). */
  rule?: string;
}

const spec = (
  type: () => unknown,
  store: FieldSpec['store'],
  validators: PropertyDecorator[],
  required: boolean,
  description: string | undefined,
  rule: string,
): FieldSpec => ({
  type,
  store,
  validators,
  required,
  description,
  rule,
});

const LIST_MAX = 100;
const ITEM_MAX = 300;
const PLAIN = 'not blank, no control characters but tab and line breaks';

export const text = (column: string, max: number, required = true, description?: string) =>
  spec(
    () => String,
    { column },
    [IsString(), MinLength(1), MaxLength(max), ...plainText()],
    required,
    description,
    `text, 1 to ${max} characters, ${PLAIN}`,
  );

export const textList = (column: string, description?: string): FieldSpec => ({
  ...spec(
    () => [String],
    { column },
    [
      IsArray(),
      ArrayMaxSize(LIST_MAX),
      IsString({ each: true }),
      MinLength(1, { each: true }),
      MaxLength(ITEM_MAX, { each: true }),
      ...plainText(true),
      ArrayUnique((item: unknown) => (typeof item === 'string' ? item.toLowerCase() : item), {
        message: '$property must not list the same text twice (case aside)',
      }),
    ],
    false,
    description,
    `list of at most ${LIST_MAX} different texts, each 1 to ${ITEM_MAX} characters, ${PLAIN}`,
  ),
  default: [],
});

export const bool = (column: string, fallback: boolean | null): FieldSpec => ({
  ...spec(() => Boolean, { column }, [IsBoolean()], false, undefined, 'true or false'),
  default: fallback,
});

export const int = (
  column: string,
  min: number,
  max: number,
  required = false,
  description?: string,
) =>
  spec(
    () => Int,
    { column },
    [IsInt(), Min(min), Max(max)],
    required,
    description,
    `whole number, ${min} to ${max}`,
  );

/** An integer that must not be below the `min` field of the same input. */
export const intMax = (column: string, min: number, max: number, description?: string) =>
  spec(
    () => Int,
    { column },
    [IsInt(), Min(min), Max(max), Validate(MinNotAboveMax)],
    false,
    description,
    `whole number, ${min} to ${max}, not below min`,
  );

export const number = (column: string, min: number, max: number, description?: string) =>
  spec(
    () => Float,
    { column },
    [IsNumber(), Min(min), Max(max)],
    false,
    description,
    `number, ${min} to ${max}`,
  );

export const enumOf = (column: string, values: object, gqlEnum: object, required = true) =>
  spec(
    () => gqlEnum,
    { column },
    [IsEnum(values)],
    required,
    undefined,
    `one of ${Object.values(values).join(' ')}`,
  );

export const currency = (column: string) =>
  spec(
    () => String,
    { column },
    [
      Matches(/^[A-Z]{3}$/, {
        message: 'currency must be an upper-case ISO 4217 code such as USD',
      }),
      IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as USD' }),
    ],
    true,
    'ISO 4217 currency code.',
    'ISO 4217 currency code',
  );

export const yearRange = (minColumn: string, maxColumn: string, description: string) =>
  spec(
    () => YearRangeInput,
    {
      range: [minColumn, maxColumn],
      qualifiers: [`${minColumn}Qualifier`, `${maxColumn}Qualifier`],
    },
    [ValidateNested()],
    false,
    description,
    'year range, 0 to 60, max not below min',
  );

export const ref = (target: RefTarget, column: string, required: boolean, description: string) =>
  spec(
    () => String,
    { ref: target, column },
    [Matches(SLUG_PATTERN, { message: `$property must be a ${target} slug` })],
    required,
    description,
    `${target} slug`,
  );

/** The SHA-256 of a whole source document. */
export const sha256 = (column: string, description: string) =>
  spec(
    () => String,
    { column },
    [Matches(SHA256_PATTERN, { message: '$property must be 64 lower-case hex digits' })],
    false,
    description,
    '64 lower-case hex digits',
  );

/** A source's outline of headings. */
export const sections = (column: string): FieldSpec =>
  spec(
    () => [SourceSectionInput],
    { column },
    [IsArray(), ArrayMaxSize(300), ValidateNested({ each: true })],
    false,
    'The headings in order; a section runs to the next heading of the same or a higher level.',
    'list of at most 300 headings `{ heading, level }`',
  );

/** Field-level provenance: how the fields that do not rest on the record's citations are known. */
export const provenance = (column: string): FieldSpec => ({
  ...spec(
    () => [FieldBasisInput],
    { column },
    [
      IsArray(),
      ArrayMaxSize(LIST_MAX),
      ValidateNested({ each: true }),
      Type(() => FieldBasisInput),
    ],
    false,
    "Per field (or per linked value), STATED with cite spans or EDITORIAL with a rationale; a field not listed rests on the record's citations. Replaces the whole list.",
    `list of at most ${LIST_MAX} provenance entries`,
  ),
});

export const SLUG_VALIDATORS: PropertyDecorator[] = [
  Matches(SLUG_PATTERN, { message: 'slug must be lower-case words joined by hyphens' }),
  MaxLength(120),
];
