import { ArgsType, Field } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, MaxLength } from 'class-validator';

@ArgsType()
export class CompareLevelsArgs {
  @Field(() => [String], { description: "Two to five role level slugs (a role slug means its entry level)." })
  @ArrayMinSize(2)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @MaxLength(120, { each: true })
  slugs: string[];
}
