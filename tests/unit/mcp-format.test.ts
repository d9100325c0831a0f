import { BoundQualifier } from '../../src/core/quantity';
import { pay, percent, shown, years } from '../../src/mcp/format';
import { operationLabel } from '../../src/core/metrics';

describe('Tool answer formatting', () => {
  it('should render year ranges, open or closed', () => {
    expect(years({ min: 1, max: 2 })).toBe('1–2 years');
    expect(years({ min: 1, max: 1 })).toBe('1 year');
    expect(years({ min: 5, max: null })).toBe('5+ years');
    expect(years({ min: null, max: 3 })).toBe('up to 3 years');
    expect(years({ min: null, max: null })).toBeNull();
    expect(years(null)).toBeNull();
  });

  it('should render pay as the source states it, never inventing a bound', () => {
    expect(pay({ currency: 'USD', period: 'ANNUAL', min: 75000, max: 120000 })).toBe(
      '$75,000 to $120,000 a year',
    );
    expect(pay({ currency: 'USD', period: 'ANNUAL', min: 81000, max: 81000 })).toBe(
      '$81,000 a year',
    );
    expect(pay({ currency: 'USD', period: 'ANNUAL', min: 120000, max: null })).toBe(
      '$120,000 or more a year',
    );
    expect(pay({ currency: 'EUR', period: 'HOURLY', min: null, max: 40 })).toBe(
      'up to €40 an hour',
    );
    expect(pay({ currency: 'USD', period: 'ANNUAL', min: null, max: null })).toBe('no figure');
    // qualifiers as the source states them: no ceiling for an approximate starting figure
    expect(
      pay({
        currency: 'USD',
        period: 'ANNUAL',
        min: 81000,
        max: null,
        minQualifier: BoundQualifier.ABOUT,
      }),
    ).toBe('about $81,000 a year');
    expect(
      pay({
        currency: 'USD',
        period: 'ANNUAL',
        min: 200000,
        max: null,
        minQualifier: BoundQualifier.ABOUT,
        orMore: true,
      }),
    ).toBe('about $200,000 or more a year');
    expect(
      pay({
        currency: 'USD',
        period: 'ANNUAL',
        min: 120000,
        max: null,
        minQualifier: BoundQualifier.MORE_THAN,
      }),
    ).toBe('more than $120,000 a year');
    expect(pay({ currency: 'CHF', period: 'ANNUAL', min: 90000, max: null })).toBe(
      '90,000 CHF or more a year',
    );
  });

  it('should render shares as percentages, rounded once from the exact ratio', () => {
    expect(percent(5, 17)).toBe('29.4%');
    // 3/17 = 0.17647...: rounding 0.1765 again would say 17.7%
    expect(percent(3, 17)).toBe('17.6%');
    expect(percent(17, 17)).toBe('100%');
    expect(percent(0, 0)).toBe('100%');
  });

  it('should say how many items a shortened list leaves out', () => {
    expect(shown([1, 2, 3, 4], 2)).toEqual({ items: [1, 2], more: ' and 2 more' });
    expect(shown([1, 2], 2)).toEqual({ items: [1, 2], more: '' });
  });
});

describe('Operation labels of metrics', () => {
  it('should keep names, call unnamed operations anonymous and refuse what is not a GraphQL name', () => {
    expect(operationLabel('CareerPath')).toBe('CareerPath');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('x"} 1\nfake_metric{')).toBe('other');
  });

  it('should stop adding labels after 200 distinct names', () => {
    for (let i = 0; i < 250; i++) operationLabel(`Op${i}`);
    expect(operationLabel('Op10')).toBe('Op10');
    expect(operationLabel('OneTooMany')).toBe('other');
  });
});
