/** Plain-text renderings of figures for tool answers: a chatbot quotes them as they are. */
import { BandFigures } from '../modules/salaries/pay';
import { BoundQualifier, describeBounds } from '../core/quantity';

type Qualified = { minQualifier?: BoundQualifier | null; maxQualifier?: BoundQualifier | null; orMore?: boolean | null };

/** Whether a source qualified a bound ("about", "more than"...), so the plain rendering would say more than it. */
const qualified = (q: Qualified) =>
  !!q.orMore || [q.minQualifier, q.maxQualifier].some((x) => x != null && x !== BoundQualifier.EXACT);

const number = (n: number) => n.toLocaleString('en-US');

/** "1–2 years", "2+ years", "up to 3 years", "about 1 to 2 years", "more than 5 years", or null when nothing is known. */
export function years(range: ({ min: number | null; max: number | null } & Qualified) | null | undefined): string | null {
  if (!range || (range.min == null && range.max == null)) return null;
  if (qualified(range)) {
    const single = range.max == null ? range.min : range.min == null ? range.max : null;
    return `${describeBounds({ min: range.min, max: range.max, minQualifier: range.minQualifier ?? null, maxQualifier: range.maxQualifier ?? null }, String)} ${single === 1 ? 'year' : 'years'}`;
  }
  const unit = (n: number) => (n === 1 ? 'year' : 'years');
  if (range.min != null && range.max != null) {
    return range.min === range.max ? `${range.min} ${unit(range.max)}` : `${range.min}–${range.max} years`;
  }
  if (range.min != null) return `${range.min}+ years`;
  return `up to ${range.max} ${unit(range.max as number)}`;
}

/** "USD 75,000–120,000 a year", "USD 120,000 or more a year", "up to USD 40 an hour", "about USD 81,000 a year". */
export function pay(band: { currency: string; period: string; min: number | null; max: number | null } & Qualified): string {
  const per = band.period === 'HOURLY' ? 'an hour' : 'a year';
  const c = band.currency;
  if (qualified(band)) {
    const q = { min: band.min, max: band.max, minQualifier: band.minQualifier ?? null, maxQualifier: band.maxQualifier ?? null, orMore: band.orMore };
    const text = describeBounds(q, (n) => `${c} ${number(n)}`);
    if (text) return `${text} ${per}`;
  }
  if (band.min != null && band.max != null) {
    return band.min === band.max ? `${c} ${number(band.min)} ${per}` : `${c} ${number(band.min)}–${number(band.max)} ${per}`;
  }
  if (band.min != null) return `${c} ${number(band.min)} or more ${per}`;
  if (band.max != null) return `up to ${c} ${number(band.max)} ${per}`;
  return 'no figure';
}

/**
 * `part` of `whole` as a percentage to one decimal, rounded once from the exact ratio: 3 of 17 is
 * "17.6%" (rounding an already rounded 0.1765 again would say 17.7%). A `whole` of 0 is "100%":
 * nothing asked, nothing lacking.
 */
export const percent = (part: number, whole: number) => `${whole === 0 ? 100 : Math.round((part * 1000) / whole) / 10}%`;

/** The first `limit` items of a list and, when some are cut, " and N more" to say so (never a silent cut). */
export function shown<T>(items: T[], limit: number): { items: T[]; more: string } {
  const cut = items.length - limit;
  return { items: items.slice(0, limit), more: cut > 0 ? ` and ${cut} more` : '' };
}

/** A year range as a plain object for structured content (or null). */
export const range = (r: ({ min: number | null; max: number | null } & Qualified) | null | undefined) =>
  r ? { min: r.min, max: r.max, ...(r.minQualifier !== undefined ? { minQualifier: r.minQualifier, maxQualifier: r.maxQualifier ?? null } : {}) } : null;

/** A salary band's figures as plain data, the same in every tool's structured answer. */
export const bandFigures = (b: Omit<BandFigures, 'id'> & { label: string } & Qualified) => ({
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
});

/** ", US" or ", region not stated": where a figure holds, in a sentence. */
export const regionText = (region: string | null) => `, ${region ?? 'region not stated'}`;
