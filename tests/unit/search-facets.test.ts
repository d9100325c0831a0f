import { facetsOf } from '../../src/modules/search/facets';
import { NODE_TYPES } from '../../src/modules/search/inverted-index';

describe('search facets', () => {
  it('should list the types with matches, most first and ties by type name, as a sort would', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 500; round++) {
      // few distinct counts, so that ties are common
      const perType = Uint32Array.from(NODE_TYPES, () => next() % 4);
      const expected = [...perType]
        .map((count, t) => ({ type: NODE_TYPES[t], count }))
        .filter((f) => f.count > 0)
        .sort((x, y) => y.count - x.count || (x.type < y.type ? -1 : 1));
      expect(facetsOf(perType)).toEqual(expected);
    }
  });
});
