import { Context } from '../../core/context';
import { NODE_ENTITIES, NodeTypeName } from '../../core/entities';
import { bySlug } from '../../core/loaders';
import { Node } from '../../core/relay';

/** Loads nodes by type and slug through the request's loaders; unknown ones come back null. */
export async function loadNodes(ctx: Context, refs: { nodeType: string; slug: string }[]): Promise<(Node | null)[]> {
  return Promise.all(
    refs.map(async ({ nodeType, slug }) => {
      const entity = NODE_ENTITIES[nodeType as NodeTypeName];
      if (!entity) return null;
      return (await ctx.loaders.use(bySlug(entity as never)).load(slug)) as Node | null;
    }),
  );
}
