/** Plain-text renderings of figures for tool answers: a chatbot quotes them as they are. */
import { BandFigures } from '../modules/salaries/pay';

const number = (n: number) => n.toLocaleString('en-US');

/** "1–2 years", "2+ years", "up to 3 years", or null when nothing is known. */
export function years(range: { min: number | null; max: number | null } | null | undefined): string | null {
  if (!range || (range.min == null && range.max == null)) return null;
  const unit = (n: number) => (n === 1 ? 'year' : 'years');
  if (range.min != null && range.max != null) {
    return range.min === range.max ? `${range.min} ${unit(range.max)}` : `${range.min}–${range.max} years`;
  }
  if (range.min != null) return `${range.min}+ years`;
  return `up to ${range.max} ${unit(range.max as number)}`;
}

/** "USD 75,000–120,000 a year", "USD 120,000 or more a year", "up to USD 40 an hour". */
export function pay(band: { currency: string; period: string; min: number | null; max: number | null }): string {
  const per = band.period === 'HOURLY' ? 'an hour' : 'a year';
  const c = band.currency;
  if (band.min != null && band.max != null) {
    return band.min === band.max ? `${c} ${number(band.min)} ${per}` : `${c} ${number(band.min)}–${number(band.max)} ${per}`;
  }
  if (band.min != null) return `${c} ${number(band.min)} or more ${per}`;
  if (band.max != null) return `up to ${c} ${number(band.max)} ${per}`;
  return 'no figure';
}

/** 0.4 → "40%". */
export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** A year range as a plain object for structured content (or null). */
export const range = (r: { min: number | null; max: number | null } | null | undefined) => (r ? { min: r.min, max: r.max } : null);

/** A salary band's figures as plain data, the same in every tool's structured answer. */
export const bandFigures = (b: Omit<BandFigures, 'id'> & { label: string }) => ({
  label: b.label,
  currency: b.currency,
  period: b.period,
  region: b.region,
  year: b.year,
  min: b.min,
  max: b.max,
});
