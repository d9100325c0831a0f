import { z } from 'zod';
import { byId } from '../../core/loaders';
import { Role } from '../../modules/roles/role.entity';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { findBySlug } from '../../core/slug-lookup';
import { payAtLevel } from '../../modules/salaries/pay.service';
import { PayScope } from '../../modules/salaries/pay-scope';
import { SalaryBand } from '../../modules/salaries/salary-band.entity';
import { findSalaryBands, SalaryBandQuery } from '../../modules/salaries/salary-band.service';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { bandFigures, pay, regionText } from '../format';
import { bandShape, citations, figureSet, payScope, statistic } from '../schemas';
import { figureSets } from '../../modules/salaries/salary-figures';
import { linkBasis } from '../../modules/sources/field-basis';
import { defineTool } from '../tool';
import { rolePayStatistics } from '../../modules/occupations/pay-statistics.service';
import { statisticOut, statisticsText } from '../pay-statistics';

const optionalSlug = (name: string, example: string) =>
  z
    .string({ error: `"${name}" must be a slug such as "${example}"` })
    .trim()
    .min(1, { error: `"${name}" must not be empty; leave it out to take every one` })
    .max(200)
    .optional();

/** The filters other than role and level, as findSalaryBands applies them in SQL. */
const matches = (b: SalaryBand, f: SalaryBandQuery) =>
  (!f.region || b.region?.toLowerCase() === f.region.toLowerCase()) &&
  (f.year == null || b.year === f.year) &&
  (!f.currency || b.currency === f.currency.toUpperCase());

/** salary_bands: pay figures, as the sources state them, each cited. */
export const salaryBandsTool = defineTool({
  name: 'salary_bands',
  title: 'Salary bands',
  description:
    'Pay figures as the sources state them (label, currency, period, region, year, min and max), each cited; where ' +
    'two sources differ both figures are listed. Narrow by role, role level, region, year or currency (a level ' +
    'no source gives figures for answers with its whole role\'s, scope "role"); with no ' +
    'filter, every figure (at most 50). Given a role or level, also the published statistics (BLS OEWS national ' +
    'median, mean and percentiles) for the occupations the role maps to, each with its year, publisher and page.',
  input: {
    role: optionalSlug('role', 'backend-developer').describe('A role slug.'),
    level: optionalSlug('level', 'senior-backend-developer').describe('A role level slug.'),
    region: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('Where the figure holds, such as "US".'),
    year: z
      .number()
      .int({ error: '"year" must be a whole year, such as 2025' })
      .min(1900)
      .max(2100)
      .optional()
      .describe('The year a figure is for.'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, {
        error: '"currency" must be a three-letter ISO 4217 code, such as "USD"',
      })
      .optional()
      .describe('An ISO 4217 currency code.'),
  },
  output: {
    total: z.number().describe('Every figure matching, of which at most 50 are in bands.'),
    scope: payScope
      .optional()
      .describe("Given a level: whether the figures are its own or its whole role's."),
    bands: z.array(
      z.object({
        role: z.string(),
        level: z.string().nullable(),
        scope: payScope,
        ...bandShape,
        citations,
      }),
    ),
    figureSets: z
      .array(figureSet)
      .describe(
        'The figures listed, grouped by what they measure: where figures for one thing disagree, all are here',
      ),
    sources: citations,
    statistics: z.array(statistic).optional(),
  },
  async run(ctx, filter) {
    let all = await findSalaryBands(ctx, filter, '');
    // pay at a level is the same answer as RoleLevel.salaryBands: the role's when the level has none
    const level = filter.level ? await findBySlug(ctx.loaders, RoleLevel, filter.level) : null;
    const atLevel = level ? await payAtLevel(ctx, level) : null;
    const role = filter.role ? await findBySlug(ctx.loaders, Role, filter.role) : null;
    if (atLevel?.scope === PayScope.ROLE && (!role || role.id === level!.roleId))
      all = atLevel.bands.filter((b) => matches(b, filter));
    const bands = all.slice(0, 50);
    const [roles, levels, citations] = await Promise.all([
      ctx.loaders.use(byId(Role)).loadMany(bands.map((b) => b.roleId)),
      ctx.loaders.use(byId(RoleLevel)).loadMany(bands.map((b) => b.levelId ?? -1)),
      citationsFor(
        ctx,
        'SalaryBand',
        bands.map((b) => b.id),
      ),
    ]);
    const rows = bands.map((b, i) => ({
      role: (roles[i] as Role).name,
      level: (levels[i] as RoleLevel | null)?.name ?? null,
      /** "level" when the figure is for that level, "role" when it covers the whole role. */
      scope: b.levelId == null ? 'role' : 'level',
      ...bandFigures(b),
      citations: citations[i],
    }));
    const levelNote = (b: SalaryBand, level: string | null) => {
      const editorial =
        level && b.levelId != null ? linkBasis(b.provenanceList, 'level', null) : null;
      return editorial && editorial.basis !== 'STATED'
        ? ` (the source says ${b.appliesTo ?? 'no level'}; tying it to ${level} is our reading)`
        : '';
    };
    const sets = figureSets(bands);
    const disagreeing = sets.filter((x) => !x.agree);
    const fallback =
      atLevel?.scope === PayScope.ROLE && rows.length
        ? `No source states pay for ${level!.name}; these figures cover the whole role.`
        : null;
    // the level's role, or the role named: its published statistics answer even where no guide gives a band
    const roleId = level ? level.roleId : role?.id;
    const statistics = roleId == null ? null : await rolePayStatistics(ctx, roleId);
    const lines = rows.length
      ? [
          ...(fallback ? [fallback] : []),
          `${all.length} pay figure${all.length === 1 ? '' : 's'}${all.length > rows.length ? ` (the first ${rows.length} shown, and ${all.length - rows.length} more)` : ''}:`,
          ...rows.map(
            (r, i) =>
              `- ${r.level ?? r.role}, ${r.label}: ${pay(r)}${regionText(r.region)}${r.year ? `, ${r.year}` : ''}${levelNote(bands[i], r.level)}.${citeText(r.citations)}`,
          ),
          ...disagreeing.map((x) => x.note),
        ]
      : [
          roleId == null
            ? 'No pay figure matches these filters.'
            : 'No guide gives a pay figure matching these filters.',
        ];
    if (statistics) {
      lines.push(
        ...(statistics.length
          ? [
              'Published statistics for the occupations this role maps to (the same at every level; not a figure for one level):',
              ...statisticsText(statistics).map((l) => `- ${l}`),
            ]
          : ['No published statistic is held for the occupations this role maps to.']),
      );
    }
    return {
      structured: {
        total: all.length,
        ...(atLevel ? { scope: atLevel.scope === PayScope.ROLE ? 'role' : 'level' } : {}),
        bands: rows,
        figureSets: sets.map((x) => ({
          topic: x.topic,
          agree: x.agree,
          figures: x.figures.map((b) => pay(b)),
        })),
        sources: distinctCitations(citations),
        ...(statistics ? { statistics: statistics.map(statisticOut) } : {}),
      },
      text: lines.join('\n'),
    };
  },
});
