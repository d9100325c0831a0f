import { indexed, LoaderFactory } from '../../core/loaders';
import { groupRows } from '../../core/graph-tables';
import { Citation, CitedType } from './citation.entity';

/** Key of a cited record: its type and row id. */
export type CitedKey = `${CitedType}:${number}`;

const byPosition = (a: Citation, b: Citation) => a.position - b.position || a.id - b.id;

/** Citations of any mix of records, in the order their record lists them. */
export const citationsOf: LoaderFactory<CitedKey, Citation[]> = indexed(
  'citations:of',
  [Citation],
  async (t) => groupRows(await t.rows(Citation), (c): CitedKey => `${c.subjectType}:${c.subjectId}`, byPosition) as Map<CitedKey, Citation[]>,
  () => [],
);
