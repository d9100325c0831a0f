import { PayStatistic } from '../modules/occupations/pay-statistic.type';
import { STATISTIC_WORDS } from '../modules/occupations/wage-statistic.entity';
import { SYSTEM_NAMES } from '../modules/occupations/occupation-codes';

/** A published statistic as the tools return it: the figure, what it measures and where it was read. */
export const statisticOut = (s: PayStatistic) => ({
  statistic: s.statistic,
  amount: s.amount,
  currency: s.currency,
  period: s.period,
  region: s.region,
  year: s.year,
  referencePeriod: s.referencePeriod,
  occupation: { system: s.occupation.system, code: s.occupation.code, title: s.occupation.title },
  match: s.match,
  measures: s.measures,
  publisher: s.publisher,
  url: s.url,
  readOn: s.readOn,
});

const money = (s: PayStatistic) =>
  `${s.currency === 'USD' ? '$' : `${s.currency} `}${s.amount.toLocaleString('en-US')}${s.period === 'HOURLY' ? ' an hour' : ' a year'}`;

/**
 * One sentence per occupation of the strongest match: its medians (every year found), then the
 * 10th to 90th percentile range where both are known for one year, each figure with its year,
 * publisher and page. Empty when the role has no statistic.
 */
export function statisticsText(stats: PayStatistic[]): string[] {
  const best = stats.filter((s) => s.match === stats[0]?.match);
  const byOccupation = new Map<number, PayStatistic[]>();
  for (const s of best)
    byOccupation.set(s.occupation.id, [...(byOccupation.get(s.occupation.id) ?? []), s]);
  const lines: string[] = [];
  for (const list of byOccupation.values()) {
    const { occupation, match } = list[0];
    const when = (s: PayStatistic) =>
      s.year == null ? 'year not stated on the page read' : s.referencePeriod;
    const figure = (s: PayStatistic) =>
      `${STATISTIC_WORDS[s.statistic]} ${money(s)} (${when(s)}; ${s.publisher}; ${s.url}, read ${s.readOn})`;
    const medians = list.filter((s) => s.statistic === 'MEDIAN' || s.statistic === 'MEAN');
    const p10 = list.find((s) => s.statistic === 'P10');
    const p90 = list.find((s) => s.statistic === 'P90' && s.year === p10?.year);
    const spread =
      p10 && p90 ? `; 10th to 90th percentile ${money(p10)} to ${money(p90)} (${when(p10)})` : '';
    lines.push(
      `${SYSTEM_NAMES[occupation.system]} ${occupation.code} ${occupation.title} (${match.toLowerCase()} match), US national, all industries: ` +
        `${(medians.length ? medians : list).map(figure).join('; ')}${spread}.`,
    );
  }
  return lines;
}
