import { Field, ObjectType } from 'type-graphql';
import { describeMoney, qualifierOf } from '../../core/quantity';
import { SalaryBand } from './salary-band.entity';

@ObjectType({
  description:
    "The figures the sources give for one thing (a topic of a role's pay), side by side. Each keeps its own qualifiers, " +
    'region, year and citations; none is merged into another and none wins.',
})
export class SalaryFigureSet {
  @Field({
    description:
      "What the figures measure (the bands' topic), or a lone band's label when it has no topic.",
  })
  topic: string;

  @Field(() => [SalaryBand], {
    description: 'Each figure as its own record, in the order the role lists them.',
  })
  figures: SalaryBand[];

  @Field({
    description:
      'True when there is one figure, or every figure gives the same bounds, qualifiers, region and year.',
  })
  agree: boolean;

  @Field({
    description:
      'The figures in words, saying when they disagree that both are served and neither preferred.',
  })
  note: string;
}

const key = (b: SalaryBand) =>
  JSON.stringify([
    b.min,
    qualifierOf(b.min, b.minQualifier),
    b.max,
    qualifierOf(b.max, b.maxQualifier),
    !!b.orMore,
    b.currency,
    b.period,
    b.region,
    b.year,
  ]);

/** "about $81,000 a year (US)", "$75,000 to $120,000 a year (region and year not stated)". */
export function figureText(b: SalaryBand): string {
  const money = describeMoney({ ...b, orMore: !!b.orMore }) ?? 'no figure';
  const where = [
    b.region ?? 'region not stated',
    b.year != null ? String(b.year) : 'year not stated',
  ];
  const context =
    b.region == null && b.year == null ? 'region and year not stated' : where.join(', ');
  return `${money} (${b.appliesTo ? `${b.appliesTo}; ` : ''}${context})`;
}

/** The bands grouped by topic, in first-listed order; a band with no topic stands alone. */
export function figureSets(bands: SalaryBand[]): SalaryFigureSet[] {
  const sets = new Map<string, SalaryBand[]>();
  for (const b of bands) {
    const k = b.topic ? `topic:${b.topic}` : `band:${b.slug}`;
    sets.set(k, [...(sets.get(k) ?? []), b]);
  }
  return [...sets.values()].map((figures) => {
    const agree = new Set(figures.map(key)).size === 1;
    const topic = figures[0].topic ?? figures[0].label;
    const listed = figures.map(figureText).join('; ');
    const note =
      figures.length === 1
        ? `One figure for ${topic}: ${listed}.`
        : agree
          ? `${figures.length} sources agree on ${topic}: ${listed}.`
          : `${figures.length} figures for ${topic} disagree: ${listed}. All are served; none is merged or preferred.`;
    return Object.assign(new SalaryFigureSet(), { topic, figures, agree, note });
  });
}
