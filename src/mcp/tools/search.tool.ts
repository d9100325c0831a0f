import { z } from 'zod';
import { NODE_ENTITIES } from '../../modules/nodes/node-entities';
import { loadNodes } from '../../modules/nodes/node.service';
import { searchGraph } from '../../modules/search/search.service';
import { CitedType } from '../../modules/sources/citation.entity';
import { CitationOut, citationsFor, citeText } from '../cite';
import { citations } from '../schemas';
import { defineTool, limitArg } from '../tool';

const TYPES = Object.keys(NODE_ENTITIES) as [string, ...string[]];

/** A node's display name, whatever its kind calls it. */
const nameOf = (node: Record<string, unknown>) =>
  String(node.name ?? node.title ?? node.label ?? node.slug);

/** search: everything in the graph matching some words, best first. */
export const searchTool = defineTool({
  name: 'search',
  title: 'Search careergraph',
  description:
    'Finds roles, levels, skills, certifications, employers, sectors, advice and sources matching some words, best ' +
    'first, with the slug each of the other tools takes and a snippet of our text showing why each matched. A ' +
    'misspelt word of 5 letters or more is matched to the closest word we have (reported as didYouMean); words ' +
    'that match nothing give nothing.',
  input: {
    query: z
      .string({ error: '"query" is required: some words, such as "kubernetes cloud"' })
      .trim()
      .min(1, { error: '"query" must not be empty: give some words, such as "kubernetes cloud"' })
      .max(200, { error: '"query" must be at most 200 characters' })
      .describe('Words to look for; any may match, prefixes included.'),
    types: z
      .array(z.enum(TYPES, { error: `each of "types" must be one of ${TYPES.join(', ')}` }))
      .max(TYPES.length)
      .optional()
      .describe('Only these kinds of thing.'),
    limit: limitArg('hits', 10),
  },
  output: {
    query: z.string(),
    didYouMean: z.string().nullable(),
    total: z.number(),
    hits: z.array(
      z.object({
        type: z.string(),
        slug: z.string(),
        name: z.string(),
        score: z.number(),
        matchedTerms: z.array(z.string()),
        snippet: z.string().nullable(),
        citations,
      }),
    ),
  },
  async run(ctx, { query, types, limit }) {
    const { hits, total, didYouMean } = await searchGraph(ctx, query, {
      types,
      limit: limit ?? 10,
    });
    const nodes = await loadNodes(ctx, hits);
    const found = hits.flatMap((hit, i) =>
      nodes[i]
        ? [{ hit, node: nodes[i] as unknown as Record<string, unknown> & { id: number } }]
        : [],
    );
    const cited = found.filter(({ hit }) => hit.nodeType !== 'Source');
    const byType = new Map<string, typeof cited>();
    for (const f of cited) byType.set(f.hit.nodeType, [...(byType.get(f.hit.nodeType) ?? []), f]);
    const citationOf = new Map<(typeof found)[number], CitationOut[]>();
    await Promise.all(
      [...byType].map(async ([type, list]) => {
        const lists = await citationsFor(
          ctx,
          type as CitedType,
          list.map((f) => f.node.id),
        );
        list.forEach((f, i) => citationOf.set(f, lists[i]));
      }),
    );
    const results = found.map((f) => ({
      type: f.hit.nodeType,
      slug: f.hit.slug,
      name: nameOf(f.node),
      score: f.hit.score,
      matchedTerms: f.hit.matchedTerms,
      snippet: f.hit.snippet,
      citations: citationOf.get(f) ?? [],
    }));
    const corrected = didYouMean ? ` (read as "${didYouMean}")` : '';
    const text = results.length
      ? [
          `${total} match${total === 1 ? '' : 'es'} for "${query}"${corrected}, the best ${results.length} first:`,
          ...results.map(
            (r, i) =>
              `${i + 1}. ${r.name} (${r.type}, slug "${r.slug}")${r.snippet ? `: ${r.snippet}` : ''}${citeText(r.citations, 1)}`,
          ),
        ].join('\n')
      : `Nothing matches "${query}".`;
    return { structured: { query, didYouMean, total, hits: results }, text };
  },
});
