import { indexed, LoaderFactory } from '../../core/loaders';
import { groupRows, partitionOf } from '../../core/graph-tables';
import { Citation, CITED_TYPES, CitedType } from './citation.entity';

/** Key of a cited record: its type and row id. */
export type CitedKey = `${CitedType}:${number}`;

const partKey = (type: CitedType) => `citations:of:${type}`;

const byPosition = (a: Citation, b: Citation) => a.position - b.position || a.id - b.id;

/** Citations of any mix of records, in the order their record lists them. */
export const citationsOf: LoaderFactory<CitedKey, Citation[]> = indexed(
  'citations:of',
  [Citation],
  async (t) => {
    // one part per cited type: a write reads again only the citations of the kinds it touched;
    // with several parts to read (the first request), one read of the table fills them all
    const missing = CITED_TYPES.filter((type) => !t.has(partKey(type)));
    const all = missing.length > 1 ? await t.rows(Citation) : null;
    const parts = await Promise.all(
      CITED_TYPES.map((type) =>
        t.derive(partKey(type), [partitionOf(Citation, type)], async () => {
          const rows = all
            ? all.filter((c) => c.subjectType === type)
            : await t.partition(Citation, 'subjectType', type);
          return groupRows(rows, (c): CitedKey => `${c.subjectType}:${c.subjectId}`, byPosition);
        }),
      ),
    );
    return new Map(parts.flatMap((part) => [...part])) as Map<CitedKey, Citation[]>;
  },
  () => [],
);
