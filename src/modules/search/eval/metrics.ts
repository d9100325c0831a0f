/** One judged query: what a person typed and the hits they would expect, graded 1 to 3. */
export interface JudgedQuery {
  type: string;
  query: string;
  /** `Type:slug` -> grade (3: what they meant, 2: clearly useful, 1: relevant). */
  relevant: Record<string, number>;
}

export interface Judgements {
  baseline: { ndcg10: number };
  queries: JudgedQuery[];
}

export interface Scores {
  ndcg10: number;
  mrr: number;
  recall10: number;
}

const CUTOFF = 10;
const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => Math.log2(rank + 2);

/** nDCG@10, reciprocal rank and recall@10 of a ranked list of `Type:slug` against one query's grades. */
export function scoreRanking(ranked: string[], relevant: Record<string, number>): Scores {
  const top = ranked.slice(0, CUTOFF);
  const dcg = top.reduce((sum, key, i) => sum + gain(relevant[key] ?? 0) / discount(i), 0);
  const ideal = Object.values(relevant)
    .sort((a, b) => b - a)
    .slice(0, CUTOFF)
    .reduce((sum, grade, i) => sum + gain(grade) / discount(i), 0);
  const first = top.findIndex((key) => (relevant[key] ?? 0) > 0);
  const judged = Object.keys(relevant).filter((key) => relevant[key] > 0);
  return {
    ndcg10: ideal > 0 ? dcg / ideal : 0,
    mrr: first < 0 ? 0 : 1 / (first + 1),
    recall10: judged.length ? judged.filter((key) => top.includes(key)).length / judged.length : 0,
  };
}

const mean = (scores: Scores[]): Scores => {
  const n = scores.length || 1;
  const sum = (f: keyof Scores) => scores.reduce((s, x) => s + x[f], 0) / n;
  return { ndcg10: sum('ndcg10'), mrr: sum('mrr'), recall10: sum('recall10') };
};

export interface EvalReport {
  overall: Scores;
  byType: Record<string, Scores & { queries: number }>;
  perQuery: { type: string; query: string; scores: Scores; top: string[] }[];
}

/** Runs every judged query through `rank` (best first, `Type:slug`) and averages the scores per type and overall. */
export async function evaluate(
  judgements: Judgements,
  rank: (query: string) => Promise<string[]>,
): Promise<EvalReport> {
  const perQuery: EvalReport['perQuery'] = [];
  for (const q of judgements.queries) {
    const top = (await rank(q.query)).slice(0, CUTOFF);
    perQuery.push({ type: q.type, query: q.query, scores: scoreRanking(top, q.relevant), top });
  }
  const byType: EvalReport['byType'] = {};
  for (const type of [...new Set(perQuery.map((p) => p.type))]) {
    const of = perQuery.filter((p) => p.type === type);
    byType[type] = { ...mean(of.map((p) => p.scores)), queries: of.length };
  }
  return { overall: mean(perQuery.map((p) => p.scores)), byType, perQuery };
}

const f3 = (x: number) => x.toFixed(3);

/** The report as a table: one line per query type, then overall. */
export function formatReport(report: EvalReport, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.verbose) {
    for (const p of report.perQuery) {
      lines.push(
        `${f3(p.scores.ndcg10)} ${f3(p.scores.mrr)} ${f3(p.scores.recall10)}  [${p.type}] ${JSON.stringify(p.query)} -> ${p.top.slice(0, 5).join(', ')}`,
      );
    }
    lines.push('');
  }
  lines.push(
    `${'type'.padEnd(15)}${'queries'.padStart(8)}${'nDCG@10'.padStart(10)}${'MRR'.padStart(8)}${'R@10'.padStart(8)}`,
  );
  const row = (name: string, n: number, s: Scores) =>
    lines.push(
      `${name.padEnd(15)}${String(n).padStart(8)}${f3(s.ndcg10).padStart(10)}${f3(s.mrr).padStart(8)}${f3(s.recall10).padStart(8)}`,
    );
  for (const [type, s] of Object.entries(report.byType)) row(type, s.queries, s);
  row('overall', report.perQuery.length, report.overall);
  return lines.join('\n');
}
