import { ArgsType, Field, Float, Int } from 'type-graphql';
import {
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TransitionKind } from './career-transition.entity';
import { Basis } from '../../core/basis';
import { IsBoolean } from 'class-validator';

@ArgsType()
export class CareerPathsArgs {
  @Field({ description: "A role level slug, or a role slug meaning the role's entry level." })
  @IsString()
  @MaxLength(120)
  from: string;

  @Field({
    description:
      'A role level slug, or a role slug meaning whichever of its levels is reached first.',
  })
  @IsString()
  @MaxLength(120)
  to: string;

  @Field(() => Int, { nullable: true, description: 'How many routes, 1 to 10 (default 3).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  first?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Leave out routes with a MANAGEMENT move.' })
  @IsOptional()
  avoidManagement?: boolean | null;

  @Field(() => [TransitionKind], {
    nullable: true,
    description: 'Leave out routes with any of these kinds of move.',
  })
  @IsOptional()
  @IsArray()
  @IsEnum(TransitionKind, { each: true })
  avoidKinds?: TransitionKind[] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Leave out routes whose known minimum of typical years exceeds this (steps without figures count as 0).',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(60)
  maxYears?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A role or role level slug every route must pass through.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  via?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Also let routes take career directions (destinations named without a starting level), each marked DIRECTION in `route`, with no years or pay of its own. Routes with fewer directions come first.',
  })
  @IsOptional()
  @IsBoolean()
  includeDirections?: boolean | null;

  @Field(() => Basis, {
    nullable: true,
    description:
      'STATED: only stated steps (no EDITORIAL direction); the year sums stay, marked DERIVED. Null: everything, each step marked.',
  })
  @IsOptional()
  @IsEnum(Basis)
  basis?: Basis | null;
}
