import { Context } from '../../core/context';
import { NODE_ENTITIES, NodeTypeName } from './node-entities';
import { bySlug, MaybePromise } from '../../core/loaders';
import { Node } from '../../core/relay';
import { loadComposite } from './composite-ids';

/**
 * Loads nodes by type and slug through the request's loaders; unknown ones come back null. At
 * once, without a promise, when every one is in the request's in-memory indexes already.
 */
export function loadNodes(
  ctx: Context,
  refs: { nodeType: string; slug: string }[],
): MaybePromise<(Node | null)[]> {
  const nodes = refs.map(({ nodeType, slug }) => {
    const entity = NODE_ENTITIES[nodeType as NodeTypeName];
    if (entity && !slug.includes('/'))
      return ctx.loaders.load(bySlug(entity as never), slug) as MaybePromise<Node | null>;
    return loadComposite(ctx, nodeType, slug) as Promise<Node | null>;
  });
  return nodes.some((n) => n instanceof Promise) ? Promise.all(nodes) : (nodes as (Node | null)[]);
}
