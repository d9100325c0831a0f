import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Basis } from '../../core/basis';
import { StoredFieldBasis } from '../sources/field-basis';
import { CitationInput } from './common.inputs';
import { MAX_CITATIONS, NoNul, SLUG_PATTERN } from '../../core/rules';

/** A STATED entry's citations each need a span: "the cited span says it". */
@ValidatorConstraint({ name: 'statedHasSpan' })
export class StatedHasSpan implements ValidatorConstraintInterface {
  validate(cite: unknown, args: ValidationArguments): boolean {
    if ((args.object as FieldBasisInput).basis !== Basis.STATED) return true;
    return (
      Array.isArray(cite) &&
      cite.length > 0 &&
      cite.every((c) => c && (c as CitationInput).span != null)
    );
  }
  defaultMessage(): string {
    return 'a STATED field needs cite, each citation with the span that states it';
  }
}

@InputType({
  description:
    'How one field of a record, or some of the values it links to, is known. STATED needs cite with spans; EDITORIAL and DERIVED need a rationale.',
})
export class FieldBasisInput {
  @Field({ description: 'The field, such as `levels`, `roles`, `level` or `amount`.' })
  @Matches(/^[a-zA-Z][a-zA-Z0-9]*$/, { message: 'field must name a field, such as levels' })
  @MaxLength(60)
  field: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The linked slugs the entry covers; leave out for the whole field.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(SLUG_PATTERN, { each: true, message: 'values must hold slugs' })
  values?: string[] | null;

  @Field(() => Basis)
  @IsEnum(Basis)
  basis: Basis;

  @Field(() => String, {
    nullable: true,
    description: 'Required for EDITORIAL and DERIVED: why, in our words.',
  })
  @ValidateIf((o: FieldBasisInput) => o.basis !== Basis.STATED || !!o.rationale)
  @IsString({ message: 'rationale is required for an EDITORIAL or DERIVED field' })
  @MinLength(1, { message: 'rationale is required for an EDITORIAL or DERIVED field' })
  @MaxLength(500)
  @NoNul()
  // present when left out ('' and []), so the checks below run on a missing value too: GraphQL leaves an
  // absent optional field undefined, which the validators would skip
  rationale?: string | null = '';

  @Field(() => [CitationInput], {
    nullable: true,
    description: 'Required for STATED: the citations, each with its span.',
  })
  @ValidateIf((o: FieldBasisInput) => o.basis === Basis.STATED || (o.cite?.length ?? 0) > 0)
  @Validate(StatedHasSpan)
  @IsArray()
  @ArrayMaxSize(MAX_CITATIONS)
  @ValidateNested({ each: true })
  @Type(() => CitationInput)
  cite?: CitationInput[] | null = [];
}

/** The stored form of inputs: plain data, no empty parts. */
export const storedProvenance = (
  list: (FieldBasisInput | StoredFieldBasis)[] | null | undefined,
): StoredFieldBasis[] =>
  (list ?? []).map((p) => ({
    field: p.field,
    ...(p.values && p.values.length ? { values: [...p.values] } : {}),
    basis: p.basis,
    ...(p.rationale ? { rationale: p.rationale } : {}),
    ...(p.cite && p.cite.length
      ? {
          cite: p.cite.map((c) => ({
            source: c.source,
            section: c.section,
            ...(c.span
              ? { span: { start: c.span.start, end: c.span.end, sha256: c.span.sha256 } }
              : {}),
          })),
        }
      : {}),
  }));
