import { ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { Citation, CitedType } from './citation.entity';
import { citationsOf } from './citation.loader';

/**
 * A base for the resolvers of cited types: adds `citations`, so every fact taken from a source
 * says where it came from.
 */
export function CitedResolver<T extends { id: number }>(type: ClassType<T>, citedType: CitedType) {
  @Resolver(() => type)
  abstract class Base {
    @FieldResolver(() => [Citation], { description: 'Where this fact comes from.' })
    citations(@Root() record: T, @Ctx() ctx: Context): MaybePromise<Citation[]> {
      return ctx.loaders.load(citationsOf, `${citedType}:${record.id}`);
    }
  }
  return Base;
}
