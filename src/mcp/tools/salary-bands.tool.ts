import { z } from 'zod';
import { byId } from '../../core/loaders';
import { Role } from '../../modules/roles/role.entity';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { findSalaryBands } from '../../modules/salaries/salary-band.service';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { bandFigures, pay, regionText } from '../format';
import { defineTool } from '../tool';

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
    'filter, every figure (at most 50).',
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
    const lines = rows.length
      ? [
          `${all.length} pay figure${all.length === 1 ? '' : 's'}${all.length > rows.length ? ` (the first ${rows.length} shown)` : ''}:`,
          ...rows.map(
            (r) =>
              `- ${r.level ?? r.role}, ${r.label}: ${pay(r)}${regionText(r.region)}${r.year ? `, ${r.year}` : ''}.${citeText(r.citations)}`,
          ),
        ]
      : ['No pay figure matches these filters.'];
    return { structured: { total: all.length, bands: rows, sources: distinctCitations(citations) }, text: lines.join('\n') };
  },
});
