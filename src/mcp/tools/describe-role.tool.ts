import { badInput } from '../../core/errors';
import { byId } from '../../core/loaders';
import { findBySlug } from '../../core/slug-lookup';
import {
  employersOfRole,
  levelsOfRole,
  relatedFrom,
  relatedTo,
} from '../../modules/roles/role.loader';
import { Role } from '../../modules/roles/role.entity';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { outlooksOfRole, salaryBandsOfRole } from '../../modules/salaries/salary.loader';
import { roleRequirements } from '../../modules/skills/skill.loader';
import { Skill } from '../../modules/skills/skill.entity';
import { citationsFor, citationsOfOne, citeText, distinctCitations } from '../cite';
import { bandFigures, pay, range, regionText, shown, years } from '../format';
import { roleMappings, rolePayStatistics } from '../../modules/occupations/pay-statistics.service';
import { occupationById } from '../../modules/occupations/occupation.loader';
import { Occupation } from '../../modules/occupations/occupation.entity';
import { SYSTEM_NAMES } from '../../modules/occupations/occupation-codes';
import { statisticOut, statisticsText } from '../pay-statistics';
import { z } from 'zod';
import { bandShape, citations, named, statistic, yearRange } from '../schemas';
import { defineTool, slugArg } from '../tool';
import { figureSets } from '../../modules/salaries/salary-figures';
import { Basis } from '../../core/basis';

/** describe_role: a role with its levels, skills, pay, outlook and neighbours, all cited. */
export const describeRoleTool = defineTool({
  name: 'describe_role',
  title: 'Describe a role',
  description:
    'What a role is: summary, seniority levels with typical years, required skills, pay figures, demand outlook, ' +
    'related roles and employers, each fact cited. Takes a role slug (or one of its level slugs); use search to find it.',
  input: {
    role: slugArg('role', 'backend-developer').describe(
      'A role slug, such as "backend-developer", or a role level slug.',
    ),
  },
  output: {
    slug: z.string(),
    name: z.string(),
    summary: z.string(),
    aliases: z.array(z.string()),
    licenseRequired: z.boolean().nullable().describe('null: the sources do not say'),
    levels: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        rank: z.number(),
        yearsInLevel: yearRange,
        yearsOfExperience: yearRange,
        citations,
      }),
    ),
    skills: z.array(
      z.object({
        name: z.string().nullable(),
        importance: z.string(),
        importanceBasis: z
          .enum(['STATED', 'DERIVED', 'EDITORIAL'])
          .describe("EDITORIAL: a curator's grade, not the sources'"),
      }),
    ),
    salaryBands: z.array(z.object({ level: z.string().nullable(), ...bandShape, citations })),
    payStatistics: z.array(statistic),
    occupationCodes: z.array(
      z.object({
        system: z.string(),
        code: z.string(),
        title: z.string(),
        match: z.string(),
        url: z.string().nullable(),
        readOn: z.string().nullable(),
      }),
    ),
    outlooks: z.array(
      z.object({
        growthPercent: z.number().nullable(),
        throughYear: z.number().nullable(),
        description: z.string().nullable(),
        citations,
      }),
    ),
    relatedRoles: z.array(named),
    employers: z.array(z.string()),
    citations,
    sources: citations,
  },
  async run(ctx, { role: slug }) {
    let role = await findBySlug(ctx.loaders, Role, slug);
    if (!role) {
      const level = await findBySlug(ctx.loaders, RoleLevel, slug);
      if (level) role = await ctx.loaders.use(byId(Role)).load(level.roleId);
    }
    if (!role) throw badInput('role', `No role or role level has slug "${slug}"`);

    const [levels, requirements, bands, outlooks, relatedA, relatedB, employers, roleCitations] =
      await Promise.all([
        ctx.loaders.use(levelsOfRole).load(role.id),
        ctx.loaders.use(roleRequirements).load(role.id),
        ctx.loaders.use(salaryBandsOfRole).load(role.id),
        ctx.loaders.use(outlooksOfRole).load(role.id),
        ctx.loaders.use(relatedFrom).load(role.id),
        ctx.loaders.use(relatedTo).load(role.id),
        ctx.loaders.use(employersOfRole).load(role.id),
        citationsOfOne(ctx, 'Role', role.id),
      ]);
    const [skills, levelCitations, bandCitations, outlookCitations] = await Promise.all([
      ctx.loaders.use(byId(Skill)).loadMany(requirements.map((r) => r.skillId)),
      citationsFor(
        ctx,
        'RoleLevel',
        levels.map((l) => l.id),
      ),
      citationsFor(
        ctx,
        'SalaryBand',
        bands.map((b) => b.id),
      ),
      citationsFor(
        ctx,
        'JobOutlook',
        outlooks.map((o) => o.id),
      ),
    ]);
    const [statistics, mappings] = await Promise.all([
      rolePayStatistics(ctx, role.id),
      roleMappings(ctx, role.id),
    ]);
    const occupations = await Promise.all(
      mappings.map((m) => ctx.loaders.load(occupationById, m.occupationId)),
    );
    const levelName = new Map(levels.map((l) => [l.id, l.name]));
    const related = [...new Map([...relatedA, ...relatedB].map((r) => [r.id, r])).values()].sort(
      (a, b) => a.name.localeCompare(b.name),
    );

    const structured = {
      slug: role.slug,
      name: role.name,
      summary: role.summary,
      aliases: role.aliases,
      licenseRequired: role.licenseRequired,
      levels: levels.map((l, i) => ({
        slug: l.slug,
        name: l.name,
        rank: l.rank,
        yearsInLevel: range(l.yearsInLevelQuantity),
        yearsOfExperience: range(l.yearsOfExperienceQuantity),
        citations: levelCitations[i],
      })),
      skills: requirements.map((r, i) => ({
        name: (skills[i] as Skill | null)?.name ?? null,
        importance: r.importance,
        importanceBasis: r.importanceBasis,
      })),
      salaryBands: bands.map((b, i) => ({
        level: b.levelId == null ? null : (levelName.get(b.levelId) ?? null),
        ...bandFigures(b),
        citations: bandCitations[i],
      })),
      payStatistics: statistics.map(statisticOut),
      occupationCodes: mappings.map((m, i) => {
        const o = occupations[i] as Occupation;
        return {
          system: o.system,
          code: o.code,
          title: o.title,
          match: m.match,
          url: o.url,
          readOn: o.readOn,
        };
      }),
      outlooks: outlooks.map((o, i) => ({
        growthPercent: o.growthPercent,
        throughYear: o.throughYear,
        description: o.description,
        citations: outlookCitations[i],
      })),
      relatedRoles: related.map((r) => ({ slug: r.slug, name: r.name })),
      employers: employers.map((e) => e.name),
      citations: roleCitations,
      sources: distinctCitations([
        roleCitations,
        ...levelCitations,
        ...bandCitations,
        ...outlookCitations,
      ]),
    };

    const requiredGrades = structured.skills.filter((s) => s.importance === 'REQUIRED');
    const required = requiredGrades.map((s) => s.name);
    const editorialGrades = requiredGrades.some((s) => s.importanceBasis === Basis.EDITORIAL);
    const lines = [`${role.name}: ${role.summary}${citeText(roleCitations)}`];
    if (levels.length) {
      lines.push(
        `Levels: ${structured.levels
          .map((l) => {
            const exp = years(l.yearsOfExperience);
            return exp ? `${l.name} (${exp} of experience)` : l.name;
          })
          .join('; ')}.`,
      );
    }
    lines.push(
      role.licenseRequired == null
        ? 'Whether a licence is needed: the sources do not say.'
        : role.licenseRequired
          ? 'A licence is needed.'
          : 'No licence is needed.',
    );
    if (required.length)
      lines.push(
        `Required skills${editorialGrades ? ' (graded by our editors; the sources grade no skill)' : ''}: ${required.join(', ')}.`,
      );
    for (const b of structured.salaryBands) {
      lines.push(
        `Pay, ${b.label}${b.level ? ` (${b.level})` : ''}: ${pay(b)}${regionText(b.region)}${b.year ? `, ${b.year}` : ''}.${citeText(b.citations)}`,
      );
    }
    for (const set of figureSets(bands).filter((x) => !x.agree)) lines.push(set.note);
    if (statistics.length)
      lines.push(
        `Published pay statistics (the whole occupation, not one level): ${statisticsText(statistics).join(' ')}`,
      );
    if (structured.occupationCodes.length) {
      lines.push(
        `Occupation codes: ${structured.occupationCodes.map((c) => `${SYSTEM_NAMES[c.system]} ${c.code} ${c.title} (${c.match.toLowerCase()})`).join('; ')}.`,
      );
    }
    for (const o of structured.outlooks) {
      const growth =
        o.growthPercent != null
          ? `${o.growthPercent > 0 ? '+' : ''}${o.growthPercent}% demand`
          : 'demand outlook';
      lines.push(
        `Outlook: ${growth}${o.throughYear ? ` through ${o.throughYear}` : ''}.${citeText(o.citations)}`,
      );
    }
    if (related.length)
      lines.push(`Related roles: ${related.map((r) => `${r.name} (${r.slug})`).join(', ')}.`);
    const named = shown(employers, 10);
    if (employers.length)
      lines.push(
        `Employers cited as hiring: ${named.items.map((e) => e.name).join(', ')}${named.more}.`,
      );
    return { structured, text: lines.join('\n') };
  },
});
