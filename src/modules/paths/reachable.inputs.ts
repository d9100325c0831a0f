import { ArgsType, Field, Float, Int } from 'type-graphql';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Basis } from '../../core/basis';

@ArgsType()
export class ReachableRolesArgs {
  @Field({ description: "A role level slug, or a role slug meaning the role's entry level." })
  @IsString()
  @MaxLength(120)
  from: string;

  @Field(() => Float, {
    description: 'Time budget in years, 0 to 60: the known minimum of a route must fit in it.',
  })
  @IsNumber()
  @Min(0)
  @Max(60)
  withinYears: number;

  @Field(() => Boolean, { nullable: true, description: 'Leave out MANAGEMENT moves.' })
  @IsOptional()
  avoidManagement?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At most this many levels, 1 to 100 (default 100).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'Also follow career directions (destinations named without a starting level); a route that takes one marks the step DIRECTION in path.route and counts it among stepsWithoutYears.',
  })
  @IsOptional()
  @IsBoolean()
  includeDirections?: boolean | null;

  @Field(() => Basis, {
    nullable: true,
    description:
      'STATED: only stated steps (no EDITORIAL direction). Null: everything, each step marked.',
  })
  @IsOptional()
  @IsEnum(Basis)
  basis?: Basis | null;
}
