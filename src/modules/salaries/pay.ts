/**
 * Pay arithmetic that stays honest: figures are compared only within one currency, period and
 * region; a change between two bands is the range of possible differences (to.min - from.max
 * up to to.max - from.min); an unknown bound stays unknown rather than becoming zero.
 */
export interface BandFigures {
  id: number;
  currency: string;
  period: string;
  /** null when the source does not say; such a band is comparable with none */
  region: string | null;
  year: number | null;
  min: number | null;
  max: number | null;
}

export interface PayDifference<B extends BandFigures> {
  from: B;
  to: B;
  min: number | null;
  max: number | null;
}

const comparable = (a: BandFigures, b: BandFigures) =>
  a.currency === b.currency &&
  a.period === b.period &&
  a.region != null &&
  b.region != null &&
  a.region.toLowerCase() === b.region.toLowerCase();

const minus = (a: number | null, b: number | null) => (a == null || b == null ? null : a - b);

/** The range of differences between two comparable bands. */
export function difference<B extends BandFigures>(from: B, to: B): PayDifference<B> {
  if (!comparable(from, to))
    throw new Error('bands in different currencies, periods or regions cannot be compared');
  return { from, to, min: minus(to.min, from.max), max: minus(to.max, from.min) };
}

/**
 * The change in pay from one set of bands to another: the comparable pair with the most
 * recent shared year (same-year pairs first), then the first listed. Null when no pair is
 * comparable or the change would be unknown at both ends.
 */
export function payChange<B extends BandFigures>(
  fromBands: B[],
  toBands: B[],
): PayDifference<B> | null {
  const pairs: [B, B][] = [];
  for (const a of fromBands) for (const b of toBands) if (comparable(a, b)) pairs.push([a, b]);
  const score = ([a, b]: [B, B]) => [
    a.year != null && a.year === b.year ? 1 : 0,
    Math.min(a.year ?? 0, b.year ?? 0),
  ];
  pairs.sort((p, q) => {
    const [sp, sq] = [score(p), score(q)];
    return sq[0] - sp[0] || sq[1] - sp[1];
  });
  for (const [a, b] of pairs) {
    const d = difference(a, b);
    if (d.min != null || d.max != null) return d;
  }
  return null;
}
