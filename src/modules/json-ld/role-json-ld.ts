import { Context } from '../../core/context';
import { byId, bySlug } from '../../core/loaders';
import { certificationsOfRole } from '../certifications/certification.loader';
import { credentialsOfRole } from '../credentials/credential.loader';
import { OccupationSystem } from '../occupations/occupation-codes';
import { Occupation } from '../occupations/occupation.entity';
import { occupationById } from '../occupations/occupation.loader';
import { PayStatistic } from '../occupations/pay-statistic.type';
import { roleMappings, rolePayStatistics } from '../occupations/pay-statistics.service';
import { Role } from '../roles/role.entity';
import { levelsOfRole } from '../roles/role.loader';
import { SalaryBand, SalaryPeriod } from '../salaries/salary-band.entity';
import { salaryBandsOfRole } from '../salaries/salary.loader';
import { roleRequirements } from '../skills/skill.loader';
import { Skill } from '../skills/skill.entity';
import { Source } from '../sources/source.entity';

type Json = Record<string, unknown>;

/** The classification's name as a reader knows it, for the CategoryCodeSet. */
const SYSTEM_NAMES: Record<OccupationSystem, string> = {
  SOC_2018: '2018 Standard Occupational Classification (SOC)',
  ONET_SOC_2019: 'O*NET-SOC 2019 Taxonomy',
  ISCO_08: 'International Standard Classification of Occupations (ISCO-08)',
  ESCO: 'ESCO occupations',
} as Record<OccupationSystem, string>;

/** ISO 8601 duration of a pay period, as schema.org's QuantitativeValueDistribution.duration takes it. */
const DURATION: Record<SalaryPeriod, string> = { ANNUAL: 'P1Y', HOURLY: 'PT1H' };

const PERCENTILE_PROPERTY: Record<string, string> = {
  P10: 'percentile10',
  P25: 'percentile25',
  MEDIAN: 'median',
  P75: 'percentile75',
  P90: 'percentile90',
};

/**
 * A published distribution (one occupation, period, region and reference period) as a
 * MonetaryAmountDistribution; its mean, which that type has no property for, as a MonetaryAmount.
 */
function statisticsJsonLd(stats: PayStatistic[]): Json[] {
  const groups = new Map<string, PayStatistic[]>();
  for (const s of stats) {
    const key = [s.occupation.id, s.period, s.region, s.referencePeriod, s.currency, s.url].join(
      '|',
    );
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: Json[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const what = `${first.occupation.system === OccupationSystem.SOC_2018 ? 'SOC' : first.occupation.system} ${first.occupation.code} ${first.occupation.title}; ${first.region === 'US' ? 'US national, all industries' : first.region}; ${first.referencePeriod}; ${first.publisher}; read ${first.readOn} from ${first.url}`;
    const distribution: Json = {
      '@type': 'MonetaryAmountDistribution',
      name: `${first.period === SalaryPeriod.HOURLY ? 'Hourly' : 'Annual'} wage distribution, ${first.occupation.title}`,
      description: what,
      currency: first.currency,
      duration: DURATION[first.period],
    };
    let points = 0;
    for (const s of group) {
      const property = PERCENTILE_PROPERTY[s.statistic];
      if (property) {
        distribution[property] = s.amount;
        points += 1;
      }
    }
    if (points) out.push(distribution);
    const mean = group.find((s) => s.statistic === 'MEAN');
    if (mean) {
      out.push({
        '@type': 'MonetaryAmount',
        name: `Mean ${mean.period === SalaryPeriod.HOURLY ? 'hourly' : 'annual'} wage, ${mean.occupation.title}`,
        description: what,
        currency: mean.currency,
        value: mean.amount,
      });
    }
  }
  return out;
}

/** A guide's band as a MonetaryAmount: a range, not a distribution (schema.org's distribution has no min or max). */
function bandJsonLd(band: SalaryBand, levelName: string | null): Json {
  const per = band.period === SalaryPeriod.HOURLY ? 'per hour' : 'per year';
  const amount: Json = {
    '@type': 'MonetaryAmount',
    name: `${band.label}${levelName ? ` (${levelName})` : ''}`,
    description: `${band.amount.text}, ${per}; ${band.region ?? 'region not stated by the source'}${band.year ? `; ${band.year}` : ''}; a career guide's figure`,
    currency: band.currency,
  };
  if (band.min != null) amount.minValue = band.min;
  if (band.max != null) amount.maxValue = band.max;
  return amount;
}

/**
 * A role as a schema.org Occupation (https://schema.org/Occupation), for a career site to put in
 * a page as it is: its standard codes, published pay (OEWS distributions) and the guides' bands,
 * skills, certifications and credentials, and the experience each level asks for. Only
 * schema.org terms are used (tests/integration/json-ld.test.ts holds the list).
 */
export async function roleJsonLd(ctx: Context, role: Role): Promise<Json> {
  const [mappings, stats, bands, levels, requirements, certifications, credentials] =
    await Promise.all([
      roleMappings(ctx, role.id),
      rolePayStatistics(ctx, role.id),
      ctx.loaders.use(salaryBandsOfRole).load(role.id),
      ctx.loaders.use(levelsOfRole).load(role.id),
      ctx.loaders.use(roleRequirements).load(role.id),
      ctx.loaders.use(certificationsOfRole).load(role.id),
      ctx.loaders.use(credentialsOfRole).load(role.id),
    ]);
  const categories: Json[] = [];
  for (const m of mappings) {
    const occupation = (await ctx.loaders.use(occupationById).load(m.occupationId)) as Occupation;
    const source = (await ctx.loaders.use(byId(Source)).load(occupation.sourceId)) as Source | null;
    categories.push({
      '@type': 'CategoryCode',
      codeValue: occupation.code,
      name: occupation.title,
      url: occupation.url,
      inCodeSet: {
        '@type': 'CategoryCodeSet',
        name: SYSTEM_NAMES[occupation.system] ?? occupation.system,
        ...(source?.url ? { url: source.url } : {}),
      },
    });
  }
  const skills = await Promise.all(
    requirements.map((r) => ctx.loaders.use(byId(Skill)).load(r.skillId)),
  );
  const levelName = new Map(levels.map((l) => [l.id, l.name]));
  const experience = levels
    .filter((l) => l.yearsOfExperienceMin != null)
    .map((l) => ({
      '@type': 'OccupationalExperienceRequirements',
      name: l.name,
      description: `${l.name}: ${l.yearsOfExperienceQuantity?.text ?? `${l.yearsOfExperienceMin} years`} of experience, as the sources state it`,
      monthsOfExperience: Math.round((l.yearsOfExperienceMin as number) * 12),
    }));
  const doc: Json = {
    '@context': 'https://schema.org',
    '@type': 'Occupation',
    name: role.name,
    description: role.summary,
  };
  if (role.aliases.length) doc.alternateName = role.aliases;
  if (categories.length) doc.occupationalCategory = categories;
  const salary = [
    ...statisticsJsonLd(stats),
    ...bands.map((b) =>
      bandJsonLd(b, b.levelId == null ? null : (levelName.get(b.levelId) ?? null)),
    ),
  ];
  if (salary.length) doc.estimatedSalary = salary;
  const skillNames = skills.filter((s): s is Skill => s instanceof Skill).map((s) => s.name);
  if (skillNames.length) doc.skills = skillNames;
  const qualifications = [
    ...certifications.map((c) => ({
      '@type': 'EducationalOccupationalCredential',
      name: c.name,
      credentialCategory: 'certification',
      description: c.description,
    })),
    ...credentials.map((c) => ({
      '@type': 'EducationalOccupationalCredential',
      name: c.name,
      credentialCategory: c.kind.toLowerCase().replace(/_/g, ' '),
      description: c.howItHelps,
    })),
  ];
  if (qualifications.length) doc.qualifications = qualifications;
  if (experience.length) doc.experienceRequirements = experience;
  return doc;
}

/** The role with this exact slug, or null. */
export function roleBySlug(ctx: Context, slug: string): Promise<Role | null> {
  return ctx.loaders.use(bySlug(Role)).load(slug) as Promise<Role | null>;
}
