import { GraphQLError, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../errors';

/** Introspection is bounded by the cost and token limits instead: its own queries nest deeply. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Refuses operations whose fields nest deeper than `maxDepth` (a root field is depth 1).
 * Fragments are followed, each measured once; a fragment cycle counts as nothing here (graphql-js
 * reports it), so the rule terminates on any document.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const memo = new Map<string, number>();
    const visiting = new Set<string>();

    const depthOf = (set: SelectionSetNode): number => {
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
          deepest = Math.max(
            deepest,
            1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0),
          );
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };

    const fragmentDepth = (name: string): number => {
      const known = memo.get(name);
      if (known !== undefined) return known;
      const fragment = context.getFragment(name);
      if (!fragment || visiting.has(name)) return 0;
      visiting.add(name);
      const depth = depthOf(fragment.selectionSet);
      visiting.delete(name);
      memo.set(name, depth);
      return depth;
    };

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `The query nests ${depth} levels deep; the limit is ${maxDepth} (MAX_QUERY_DEPTH). Ask for less at once, or page.`,
              {
                nodes: [operation],
                extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, limit: maxDepth },
              },
            ),
          );
        }
        return false; // nothing below needs visiting: depthOf walked it
      },
    };
  };
}
