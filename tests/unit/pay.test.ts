import { BandFigures, difference, payChange } from '../../src/modules/salaries/pay';

let id = 1;
const band = (
  min: number | null,
  max: number | null,
  extra: Partial<BandFigures> = {},
): BandFigures => ({
  id: id++,
  currency: 'USD',
  period: 'ANNUAL',
  region: 'US',
  year: null,
  min,
  max,
  ...extra,
});

describe('Pay arithmetic', () => {
  it('should give the range of possible differences, bounds apart', () => {
    expect(difference(band(80, 100), band(120, 150))).toMatchObject({ min: 20, max: 70 });
  });

  it('should keep an unknown bound unknown instead of using zero', () => {
    expect(difference(band(81, 81), band(120, null))).toMatchObject({ min: 39, max: null });
    expect(difference(band(null, 90), band(null, 150))).toMatchObject({ min: null, max: null });
  });

  it('should never compare different currencies, periods or regions', () => {
    expect(payChange([band(1, 2)], [band(3, 4, { currency: 'EUR' })])).toBeNull();
    expect(payChange([band(1, 2)], [band(3, 4, { region: 'UK' })])).toBeNull();
    expect(payChange([band(1, 2)], [band(3, 4, { period: 'HOURLY' })])).toBeNull();
    expect(() => difference(band(1, 2), band(3, 4, { currency: 'EUR' }))).toThrow();
  });

  it('should pick the comparable pair, preferring the same and most recent year', () => {
    const old = band(50, 60, { year: 2020 });
    const now = band(70, 80, { year: 2025 });
    const eur = band(1, 2, { currency: 'EUR', year: 2025 });
    const target = band(100, 120, { year: 2025 });
    const change = payChange([old, eur, now], [target]);
    expect(change?.from).toBe(now);
    expect(change).toMatchObject({ min: 20, max: 50 });
  });

  it('should treat region names without regard to case', () => {
    expect(payChange([band(1, 2, { region: 'us' })], [band(3, 4)])).toMatchObject({
      min: 1,
      max: 3,
    });
  });

  it('should say nothing when no pair gives a known bound', () => {
    expect(payChange([band(null, null)], [band(100, 200)])).toBeNull();
    expect(payChange([], [band(100, 200)])).toBeNull();
  });
});
