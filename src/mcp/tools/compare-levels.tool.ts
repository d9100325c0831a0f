import { z } from 'zod';
import { byId } from '../../core/loaders';
import { Role } from '../../modules/roles/role.entity';
import { compareLevels } from '../../modules/roles/level-comparison.service';
import { payAtLevel } from '../../modules/salaries/pay.service';
import { PayScope } from '../../modules/salaries/pay-scope';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { bandFigures, pay, range, regionText, shown, years } from '../format';
import { bandShape, citations, named, payScope, yearRange } from '../schemas';
import { defineTool } from '../tool';

/** compare_levels: two to five role levels side by side (the compareLevels query). */
export const compareLevelsTool = defineTool({
  name: 'compare_levels',
  title: 'Compare role levels',
  description:
    'Two to five role levels side by side ("how does a senior back-end developer differ from a lead"): for each, the ' +
    "experience it asks for, the pay there (its own figures, or its whole role's when no source states any for the " +
    'level) and the skills only it asks for; then the skills all of them share and how much each asks for every ' +
    'skill. Cited. A role slug means its entry level.',
  input: {
    slugs: z
      .array(
        z.string().trim().min(1, { error: 'each of "slugs" must be a non-empty slug' }).max(120),
        {
          error:
            '"slugs" must be a list of two to five level slugs, such as ["senior-backend-developer", "lead-backend-developer"]',
        },
      )
      .min(2, { error: '"slugs" must name two to five levels' })
      .max(5, { error: '"slugs" must name two to five levels' })
      .describe(
        'Two to five role level slugs (a role slug means its entry level), in the order to show them.',
      ),
  },
  output: {
    levels: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        role: named,
        yearsOfExperience: yearRange,
        yearsInLevel: yearRange,
        payScope: payScope
          .nullable()
          .describe(
            "Whose pay figures are given: the level's own, its whole role's, or none (null).",
          ),
        pay: z.array(z.object({ ...bandShape, citations })),
        onlyThisLevelAsks: z
          .array(z.string())
          .describe('Skills none of the other levels asks for.'),
        citations,
      }),
    ),
    sharedSkills: z.array(z.string()),
    skills: z.array(
      z.object({
        skill: z.string(),
        importances: z
          .array(z.string().nullable())
          .describe(
            'How much each level asks for the skill, in the order of levels; null where it does not.',
          ),
        shared: z.boolean(),
      }),
    ),
    sources: citations,
  },
  async run(ctx, { slugs }) {
    const comparison = await compareLevels(ctx, slugs);
    const levels = comparison.levels;
    const [roles, levelCitations, pays] = await Promise.all([
      ctx.loaders.use(byId(Role)).loadMany(levels.map((l) => l.roleId)),
      citationsFor(
        ctx,
        'RoleLevel',
        levels.map((l) => l.id),
      ),
      Promise.all(levels.map((l) => payAtLevel(ctx, l))),
    ]);
    const bandIds = pays.flatMap((p) => p.bands.map((b) => b.id));
    const bandCitations = await citationsFor(ctx, 'SalaryBand', bandIds);
    const citeOfBand = new Map(bandIds.map((id, i) => [id, bandCitations[i]]));
    const columns = levels.map((l, i) => ({
      slug: l.slug,
      name: l.name,
      role: { slug: (roles[i] as Role).slug, name: (roles[i] as Role).name },
      yearsOfExperience: range(l.yearsOfExperienceQuantity),
      yearsInLevel: range(l.yearsInLevelQuantity),
      payScope:
        pays[i].scope === PayScope.LEVEL
          ? ('level' as const)
          : pays[i].scope === PayScope.ROLE
            ? ('role' as const)
            : null,
      pay: pays[i].bands.map((b) => ({ ...bandFigures(b), citations: citeOfBand.get(b.id) ?? [] })),
      onlyThisLevelAsks: comparison.distinctSkills[i].skills.map((s) => s.name),
      citations: levelCitations[i],
    }));
    const shared = comparison.sharedSkills.map((s) => s.name);

    const lines = [`${columns.map((c) => c.name).join(' vs ')}:`];
    for (const c of columns) {
      const exp = years(c.yearsOfExperience);
      const figures = c.pay.map(
        (b) =>
          `${pay(b)} (${b.label}${regionText(b.region)}${b.year ? `, ${b.year}` : ''})${citeText(b.citations)}`,
      );
      lines.push(
        `- ${c.name}: ${exp ? `${exp} of experience` : 'no figure for the experience asked'}` +
          (figures.length
            ? `; pay${c.payScope === 'role' ? ` (no source states pay for this level; the ${c.role.name.toLowerCase()} role as a whole)` : ''}: ${figures.join('; ')}`
            : '; no guide pay figure') +
          (c.onlyThisLevelAsks.length
            ? `; only this level asks for ${c.onlyThisLevelAsks.join(', ')}`
            : '') +
          `.${citeText(c.citations)}`,
      );
    }
    const sharedShown = shown(shared, 20);
    lines.push(
      shared.length
        ? `All of them ask for ${shared.length} skill${shared.length === 1 ? '' : 's'}: ${sharedShown.items.join(', ')}${sharedShown.more ? `${sharedShown.more} (every one in sharedSkills)` : ''}.`
        : 'No skill is asked for by all of them.',
    );
    return {
      structured: {
        levels: columns,
        sharedSkills: shared,
        skills: comparison.skills.map((r) => ({
          skill: r.skill.name,
          importances: r.importances,
          shared: r.shared,
        })),
        sources: distinctCitations([...levelCitations, ...bandCitations]),
      },
      text: lines.join('\n'),
    };
  },
});
