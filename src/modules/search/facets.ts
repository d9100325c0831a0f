import { NODE_TYPES } from './inverted-index';

/**
 * Matches per type as facets, most first, ties by type name: an insertion sort, as there are a
 * dozen types at most (a comparator sort of so few costs more than finding a one-word search's hits).
 */
export function facetsOf(perType: Uint32Array): { type: string; count: number }[] {
  const facets: { type: string; count: number }[] = [];
  for (let t = 0; t < perType.length; t++) {
    const count = perType[t];
    if (!count) continue;
    const type = NODE_TYPES[t];
    let i = facets.length;
    while (
      i > 0 &&
      (facets[i - 1].count < count || (facets[i - 1].count === count && facets[i - 1].type > type))
    ) {
      facets[i] = facets[i - 1];
      i--;
    }
    facets[i] = { type, count };
  }
  return facets;
}
