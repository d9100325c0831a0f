import { ArgsType, Field } from 'type-graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsOptional,
  MaxLength,
} from 'class-validator';
import { Basis } from '../../core/basis';

@ArgsType()
export class CompareLevelsArgs {
  @Field(() => [String], {
    description: 'Two to five role level slugs (a role slug means its entry level).',
  })
  @ArrayMinSize(2)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @MaxLength(120, { each: true })
  slugs: string[];

  @Field(() => Basis, {
    nullable: true,
    description:
      'STATED: leave editorial values out (each EDITORIAL importance grade becomes null, counted in omittedGrades with the reason); null or EDITORIAL: every grade, each marked in importanceBases.',
  })
  @IsOptional()
  @IsEnum(Basis)
  basis?: Basis | null;
}
