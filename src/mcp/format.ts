/** Plain-text renderings of figures for tool answers: a chatbot quotes them as they are. */
import { BandFigures } from '../modules/salaries/pay';
import { BoundQualifier, describeBounds, describeMoney, moneySymbol } from '../core/quantity';

type Qualified = {
  minQualifier?: BoundQualifier | null;
  maxQualifier?: BoundQualifier | null;
  orMore?: boolean | null;
};

/** Whether a source qualified a bound ("about", "more than"...), so the plain rendering would say more than it. */
const qualified = (q: Qualified) =>
  !!q.orMore ||
  [q.minQualifier, q.maxQualifier].some((x) => x != null && x !== BoundQualifier.EXACT);

/** "1–2 years", "2+ years", "up to 3 years", "about 1 to 2 years", "more than 5 years", or null when nothing is known. */
export function years(
  range: ({ min: number | null; max: number | null } & Qualified) | null | undefined,
): string | null {
  if (!range || (range.min == null && range.max == null)) return null;
  if (qualified(range)) {
    const single = range.max == null ? range.min : range.min == null ? range.max : null;
    return `${describeBounds({ min: range.min, max: range.max, minQualifier: range.minQualifier ?? null, maxQualifier: range.maxQualifier ?? null }, String)} ${single === 1 ? 'year' : 'years'}`;
  }
  const unit = (n: number) => (n === 1 ? 'year' : 'years');
  if (range.min != null && range.max != null) {
    return range.min === range.max
      ? `${range.min} ${unit(range.max)}`
      : `${range.min}–${range.max} years`;
  }
  if (range.min != null) return `${range.min}+ years`;
  return `up to ${range.max} ${unit(range.max as number)}`;
}

/**
 * A pay figure as the source states it, the words GraphQL's `amount.text` uses: "$75,000 to
 * $120,000 a year", "about $81,000 a year" (no ceiling stated), "more than $120,000 a year",
 * "about $200,000 or more a year", "$120,000 or more a year", "up to €40 an hour".
 */
export function pay(
  band: { currency: string; period: string; min: number | null; max: number | null } & Qualified,
): string {
  const q = {
    min: band.min,
    max: band.max,
    minQualifier: band.min == null ? null : (band.minQualifier ?? BoundQualifier.EXACT),
    maxQualifier: band.max == null ? null : (band.maxQualifier ?? BoundQualifier.EXACT),
    orMore: !!band.orMore,
    currency: band.currency,
    period: band.period === 'HOURLY' ? 'HOURLY' : 'ANNUAL',
  };
  return describeMoney(q) ?? 'no figure';
}

/** "+$10,000", "-€5,000": a signed amount of money. */
export const signedMoney = (n: number, currency: string) =>
  `${n < 0 ? '-' : '+'}${moneySymbol(currency)}${Math.abs(n).toLocaleString('en-US')}`;

/**
 * `part` of `whole` as a percentage to one decimal, rounded once from the exact ratio: 3 of 17 is
 * "17.6%" (rounding an already rounded 0.1765 again would say 17.7%). A `whole` of 0 is "100%":
 * nothing asked, nothing lacking.
 */
export const percent = (part: number, whole: number) =>
  `${whole === 0 ? 100 : Math.round((part * 1000) / whole) / 10}%`;

/** The first `limit` items of a list and, when some are cut, " and N more" to say so (never a silent cut). */
export function shown<T>(items: T[], limit: number): { items: T[]; more: string } {
  const cut = items.length - limit;
  return { items: items.slice(0, limit), more: cut > 0 ? ` and ${cut} more` : '' };
}

/** A year range as a plain object for structured content (or null). */
export const range = (
  r: ({ min: number | null; max: number | null } & Qualified) | null | undefined,
) =>
  r
    ? {
        min: r.min,
        max: r.max,
        ...(r.minQualifier !== undefined
          ? { minQualifier: r.minQualifier, maxQualifier: r.maxQualifier ?? null }
          : {}),
      }
    : null;

/** A salary band's figures as plain data, the same in every tool's structured answer. */
export const bandFigures = (
  b: Omit<BandFigures, 'id'> & {
    label: string;
    appliesTo?: string | null;
    topic?: string | null;
  } & Qualified,
) => ({
  label: b.label,
  currency: b.currency,
  period: b.period,
  /** null when the source does not say where the figure holds */
  region: b.region,
  year: b.year,
  min: b.min,
  max: b.max,
  minQualifier: b.min == null ? null : (b.minQualifier ?? BoundQualifier.EXACT),
  maxQualifier: b.max == null ? null : (b.maxQualifier ?? BoundQualifier.EXACT),
  orMore: !!b.orMore,
  text: pay(b),
  appliesTo: b.appliesTo ?? null,
  topic: b.topic ?? null,
});

/** ", US" or ", region not stated": where a figure holds, in a sentence. */
export const regionText = (region: string | null) => `, ${region ?? 'region not stated'}`;
