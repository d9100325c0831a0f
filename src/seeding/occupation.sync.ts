import { SeedError } from './read';
import { TableSync } from './sync';
import { SalaryPeriod } from '../modules/salaries/salary-band.entity';
import { Occupation } from '../modules/occupations/occupation.entity';
import { OccupationSeed } from '../modules/occupations/occupation.seed';
import { RoleOccupation } from '../modules/occupations/role-occupation.entity';
import { WageStatistic } from '../modules/occupations/wage-statistic.entity';

const everything = () => true; // these tables hold only what the seeds say

/**
 * Writes the occupation records of a seed set: codes, role mappings and pay statistics. A role
 * or classification slug that names nothing refuses the whole set (the caller's transaction).
 */
export async function writeOccupationSeeds(
  sync: TableSync,
  occupations: OccupationSeed[] | undefined,
  sourceIds: Map<string, number>,
  roleIds: Map<string, number>,
): Promise<void> {
  const list = occupations ?? [];
  const problems = occupationSeedProblems(
    list,
    (slug) => sourceIds.has(slug),
    (slug) => roleIds.has(slug),
  );
  if (problems.length) throw new SeedError(problems);

  const key = (system: string, code: string) => `${system} ${code}`;
  const occupationIds = await sync.rows(
    Occupation,
    list.map((o) => ({
      system: o.system,
      code: o.code,
      title: o.title,
      sourceId: sourceIds.get(o.classification) as number,
      url: o.url,
      readOn: o.readOn,
    })),
    (o) => key(o.system as string, o.code as string),
    everything,
  );
  const idOf = (o: OccupationSeed) => occupationIds.get(key(o.system, o.code)) as number;

  await sync.rows(
    RoleOccupation,
    list.flatMap((o) =>
      (o.roles ?? []).map((r) => ({
        roleId: roleIds.get(r.role) as number,
        occupationId: idOf(o),
        match: r.match,
        note: r.note ?? null,
      })),
    ),
    (m) => `${m.roleId}:${m.occupationId}`,
    everything,
  );

  await sync.rows(
    WageStatistic,
    list.flatMap((o) =>
      (o.wages ?? []).map((w) => ({
        occupationId: idOf(o),
        statistic: w.statistic,
        amount: w.amount,
        currency: w.currency ?? 'USD',
        period: w.period ?? SalaryPeriod.ANNUAL,
        region: w.region,
        year: w.year ?? null,
        referencePeriod: w.referencePeriod,
        publisher: w.publisher,
        url: w.url,
        readOn: w.readOn,
        note: w.note ?? null,
      })),
    ),
    (w) => `${w.occupationId}:${w.statistic}:${w.region}:${w.year ?? ''}:${w.url}`,
    everything,
  );
}

/** What is wrong with a seed set's occupations: a code listed twice, a classification or role slug that names nothing. */
export function occupationSeedProblems(
  list: OccupationSeed[],
  isSource: (slug: string) => boolean,
  isRole: (slug: string) => boolean,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((o, i) => {
    const where = `occupations[${i}] (${o.system} ${o.code})`;
    if (seen.has(`${o.system} ${o.code}`)) problems.push(`${where}: the same code is listed twice`);
    seen.add(`${o.system} ${o.code}`);
    if (!isSource(o.classification))
      problems.push(`${where}.classification: no source "${o.classification}"`);
    (o.roles ?? []).forEach((r, j) => {
      if (!isRole(r.role)) problems.push(`${where}.roles[${j}].role: no role "${r.role}"`);
    });
  });
  return problems;
}
