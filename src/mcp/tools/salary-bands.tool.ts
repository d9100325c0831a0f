import { z } from 'zod';
import { byId } from '../../core/loaders';
import { Role } from '../../modules/roles/role.entity';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { findSalaryBands } from '../../modules/salaries/salary-band.service';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { bandFigures, pay } from '../format';
import { defineTool } from '../tool';
import { findBySlug } from '../../core/slug-lookup';
import { rolePayStatistics } from '../../modules/occupations/pay-statistics.service';
import { statisticOut, statisticsText } from '../pay-statistics';

const optionalSlug = (name: string, example: string) =>
  z
    .string({ error: `"${name}" must be a slug such as "${example}"` })
    .trim()
    .min(1, { error: `"${name}" must not be empty; leave it out to take every one` })
    .max(200)
    .optional();

/** salary_bands: pay figures, as the sources state them, each cited. */
export const salaryBandsTool = defineTool({
  name: 'salary_bands',
  title: 'Salary bands',
  description:
    'Pay figures as the sources state them (label, currency, period, region, year, min and max), each cited; where ' +
    'two sources differ both figures are listed. Narrow by role, role level, region, year or currency; with no ' +
    'filter, every figure (at most 50). Given a role or level, also the published statistics (BLS OEWS national ' +
    'median, mean and percentiles) for the occupations the role maps to, each with its year, publisher and page.',
  input: {
    role: optionalSlug('role', 'backend-developer').describe('A role slug.'),
    level: optionalSlug('level', 'senior-backend-developer').describe('A role level slug.'),
    region: z.string().trim().min(1).max(100).optional().describe('Where the figure holds, such as "US".'),
    year: z.number().int({ error: '"year" must be a whole year, such as 2025' }).min(1900).max(2100).optional().describe('The year a figure is for.'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, { error: '"currency" must be a three-letter ISO 4217 code, such as "USD"' })
      .optional()
      .describe('An ISO 4217 currency code.'),
  },
  async run(ctx, filter) {
    const all = await findSalaryBands(ctx, filter, '');
    const bands = all.slice(0, 50);
    const [roles, levels, citations] = await Promise.all([
      ctx.loaders.use(byId(Role)).loadMany(bands.map((b) => b.roleId)),
      ctx.loaders.use(byId(RoleLevel)).loadMany(bands.map((b) => b.levelId ?? -1)),
      citationsFor(ctx, 'SalaryBand', bands.map((b) => b.id)),
    ]);
    const rows = bands.map((b, i) => ({
      role: (roles[i] as Role).name,
      level: (levels[i] as RoleLevel | null)?.name ?? null,
      ...bandFigures(b),
      citations: citations[i],
    }));
    // the level's role, or the role named: its published statistics answer even where no guide gives a band
    const roleId = filter.level
      ? (await findBySlug(ctx.loaders, RoleLevel, filter.level))?.roleId
      : filter.role
        ? (await findBySlug(ctx.loaders, Role, filter.role))?.id
        : undefined;
    const statistics = roleId == null ? null : await rolePayStatistics(ctx, roleId);
    const lines = rows.length
      ? [
          `${all.length} pay figure${all.length === 1 ? '' : 's'}${all.length > rows.length ? ` (the first ${rows.length} shown)` : ''}:`,
          ...rows.map(
            (r) =>
              `- ${r.level ?? r.role}, ${r.label}: ${pay(r)}, ${r.region}${r.year ? `, ${r.year}` : ''}.${citeText(r.citations)}`,
          ),
        ]
      : [roleId == null ? 'No pay figure matches these filters.' : 'No guide gives a pay figure matching these filters.'];
    if (statistics) {
      lines.push(
        ...(statistics.length
          ? ['Published statistics for the occupations this role maps to (the same at every level; not a figure for one level):', ...statisticsText(statistics).map((l) => `- ${l}`)]
          : ['No published statistic is held for the occupations this role maps to.']),
      );
    }
    return {
      structured: { total: all.length, bands: rows, sources: distinctCitations(citations), ...(statistics ? { statistics: statistics.map(statisticOut) } : {}) },
      text: lines.join('\n'),
    };
  },
});
