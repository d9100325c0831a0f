import { z } from 'zod';
import { byId } from '../../core/loaders';
import { computeSkillGap } from '../../modules/skills/skill-gap.service';
import { Skill } from '../../modules/skills/skill.entity';
import { SkillRequirement } from '../../modules/skills/skill-requirement.entity';
import { citationsOfOne, citeText } from '../cite';
import { percent } from '../format';
import { citations, named } from '../schemas';

const item = z.object({ skill: z.string(), importance: z.string() });
import { defineTool, slugArg } from '../tool';

/** skill_gap: what someone holding some skills lacks for a role level. */
export const skillGapTool = defineTool({
  name: 'skill_gap',
  title: 'Skill gap',
  description:
    'What a person lacks for a target role level, given the skills they hold: the share of REQUIRED skills held, ' +
    'the missing skills by importance, and any inputs that matched no skill. Skills match by slug, name or alias in any ' +
    'case ("node.js", "Postgres"); a narrower skill meets a broader requirement.',
  input: {
    target: slugArg('target', 'mid-level-backend-developer').describe(
      'A role level slug, or a role slug meaning its entry level.',
    ),
    have: z
      .array(
        z
          .string()
          .trim()
          .min(1, { error: 'each skill in "have" must be a non-empty name' })
          .max(100),
        {
          error: '"have" must be a list of skill names, such as ["Java", "Postgres"]',
        },
      )
      .max(100, { error: '"have" takes at most 100 skills' })
      .describe('Skills the person holds, by slug, name or alias.'),
  },
  output: {
    target: named,
    coverage: z
      .number()
      .describe('Share of REQUIRED skills (or groups) held, 0 to 1, to four decimals.'),
    matched: z.array(item),
    missing: z.array(item),
    missingGroups: z.array(
      z.object({ name: z.string(), importance: z.string(), anyOneOf: z.array(z.string()) }),
    ),
    unrecognized: z.array(z.string()),
    citations,
  },
  async run(ctx, { target, have }) {
    const gap = await computeSkillGap(ctx, target, have);
    const requirements = [
      ...gap.matched,
      ...gap.missing,
      ...gap.missingGroups.flatMap((g) => g.options),
    ];
    const skills = await ctx.loaders.use(byId(Skill)).loadMany(requirements.map((r) => r.skillId));
    const nameOf = new Map(
      requirements.map((r, i) => [r.id, (skills[i] as Skill | null)?.name ?? `skill ${r.skillId}`]),
    );
    const item = (r: SkillRequirement) => ({
      skill: nameOf.get(r.id) as string,
      importance: r.importance,
    });
    const citations = await citationsOfOne(ctx, 'RoleLevel', gap.target.id);
    const { total: requiredTotal, held: requiredHeld } = gap.requiredUnits;

    const lines = [
      `${gap.target.name}: holds ${requiredHeld} of ${requiredTotal} required skills (coverage ${percent(requiredHeld, requiredTotal)}).${citeText(citations)}`,
    ];
    if (gap.editorialWeights)
      lines.push(
        "The grades (required, recommended, optional) are our editors' judgement; the sources grade no skill.",
      );
    for (const importance of ['REQUIRED', 'RECOMMENDED', 'OPTIONAL']) {
      const names = gap.missing
        .filter((r) => r.importance === importance)
        .map((r) => nameOf.get(r.id));
      if (names.length) lines.push(`Missing (${importance.toLowerCase()}): ${names.join(', ')}.`);
      for (const group of gap.missingGroups.filter((g) => g.importance === importance)) {
        lines.push(
          `Missing (${importance.toLowerCase()}), any one of: ${group.options.map((r) => nameOf.get(r.id)).join(', ')}.`,
        );
      }
    }
    if (gap.missing.length === 0 && gap.missingGroups.length === 0)
      lines.push('Nothing is missing.');
    if (gap.matched.length)
      lines.push(`Already met: ${gap.matched.map((r) => nameOf.get(r.id)).join(', ')}.`);
    if (gap.unrecognized.length) {
      lines.push(
        `Not recognized as skills: ${gap.unrecognized.map((u) => `"${u}"`).join(', ')} (check the spelling, or find the skill with search).`,
      );
    }
    return {
      structured: {
        target: { slug: gap.target.slug, name: gap.target.name },
        coverage: gap.coverage,
        matched: gap.matched.map(item),
        missing: gap.missing.map(item),
        /** groups of alternatives none of which is held: any one option meets the group */
        missingGroups: gap.missingGroups.map((g) => ({
          name: g.name,
          importance: g.importance,
          anyOneOf: g.options.map((r) => nameOf.get(r.id) as string),
        })),
        unrecognized: gap.unrecognized,
        citations,
      },
      text: lines.join('\n'),
    };
  },
});
