import { Context } from '../core/context';
import { byId } from '../core/loaders';
import { CitedType } from '../modules/sources/citation.entity';
import { citationsOf } from '../modules/sources/citation.loader';
import { Source } from '../modules/sources/source.entity';

/** Where a fact comes from, as tools report it. */
export interface CitationOut {
  source: string;
  section: string | null;
  url: string | null;
}

/** The citations of records of one type, in one batch (one list per id, in order). */
export async function citationsFor(
  ctx: Context,
  type: CitedType,
  ids: number[],
): Promise<CitationOut[][]> {
  const lists = await ctx.loaders
    .use(citationsOf)
    .loadMany(ids.map((id) => `${type}:${id}` as const));
  const all = lists.flatMap((l) => (Array.isArray(l) ? l : []));
  const sources = await ctx.loaders
    .use(byId(Source))
    .loadMany([...new Set(all.map((c) => c.sourceId))]);
  const byIdMap = new Map(
    sources.filter((s): s is Source => s instanceof Source).map((s) => [s.id, s]),
  );
  return lists.map((list) =>
    (Array.isArray(list) ? list : []).map((c) => {
      const source = byIdMap.get(c.sourceId);
      return {
        source: source?.title ?? 'unknown source',
        section: c.section,
        url: source?.url ?? null,
      };
    }),
  );
}

/** The citations of one record. */
export async function citationsOfOne(
  ctx: Context,
  type: CitedType,
  id: number,
): Promise<CitationOut[]> {
  return (await citationsFor(ctx, type, [id]))[0];
}

/** `Backend career guide, "Salary", https://...`: one citation as the text names it. */
const citeOne = (c: CitationOut) =>
  [c.source, c.section && `"${c.section}"`, c.url].filter(Boolean).join(', ');

/**
 * `[Backend career guide, "Salary"; ...]` (with each source's URL where it has one), or "" when
 * nothing is cited. With `limit`, the citations past it are counted ("; and 2 more"), not dropped.
 */
export function citeText(citations: CitationOut[], limit = Infinity): string {
  if (citations.length === 0) return '';
  const unique = [...new Set(citations.map(citeOne))];
  const cut = unique.length - limit;
  return ` [${unique.slice(0, limit).join('; ')}${cut > 0 ? `; and ${cut} more` : ''}]`;
}

/** Every distinct citation of a set of lists, for a closing "Sources" line. */
export function distinctCitations(lists: CitationOut[][]): CitationOut[] {
  const seen = new Map<string, CitationOut>();
  for (const c of lists.flat()) seen.set(`${c.source}\u0000${c.section ?? ''}`, c);
  return [...seen.values()];
}
