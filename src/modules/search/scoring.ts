import { NODE_TYPES } from './inverted-index';

// BM25 with FTS5's constants; the IDF is Lucene's, which stays positive for common words
export const K1 = 1.2;
export const B = 0.75;
/** A typo match counts this much of an exact one. */
export const TYPO_WEIGHT = 0.5;
/**
 * Between otherwise equal matches, the kinds people look for by name come first: a role before
 * the level of it that bears the same name, a skill before the advice that mentions it.
 */
const TYPE_PRIOR: Record<string, number> = {
  Role: 1.2,
  Skill: 1.1,
  Certification: 1.1,
  Employer: 1.1,
  Sector: 1.05,
  Source: 0.8,
};

let priors = new Float64Array(0);
/** TYPE_PRIOR by type number. */
export function priorByType(): Float64Array {
  if (priors.length !== NODE_TYPES.length) {
    priors = new Float64Array(NODE_TYPES.length);
    NODE_TYPES.forEach((type, t) => (priors[t] = TYPE_PRIOR[type] ?? 1));
  }
  return priors;
}

/**
 * The share of the query a document matched, each word weighing its IDF (a rare word counts more
 * than "developer"): `idf` holds the query's `words` words' first.
 */
export function shareOf(mask: number, idf: Float64Array, words: number): number {
  let found = 0;
  let all = 0;
  for (let g = 0; g < words; g++) {
    all += idf[g];
    if (mask & (1 << g)) found += idf[g];
  }
  return all > 0 ? found / all : 0;
}
