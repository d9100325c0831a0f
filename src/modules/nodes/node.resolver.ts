import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { badInput, echo } from '../../core/errors';
import { fromGlobalId, Node } from '../../core/relay';
import { loadNodes } from './node.service';

function decode(id: string, argument: string) {
  const ref = fromGlobalId(id);
  if (!ref) throw badInput(argument, `"${echo(id)}" is not an id this API issued`);
  return { nodeType: ref.type, slug: ref.slug };
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when it no longer exists.',
  })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const [node] = await loadNodes(ctx, [decode(id, 'id')]);
    return node;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'Objects by global id, in the order asked; null where one no longer exists.',
  })
  async nodes(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<(Node | null)[]> {
    if (ids.length > 100) throw badInput('ids', '"ids" may hold at most 100 ids');
    return loadNodes(
      ctx,
      ids.map((id) => decode(id, 'ids')),
    );
  }
}
