import { z } from 'zod';
import { byId } from '../../core/loaders';
import { Role } from '../../modules/roles/role.entity';
import { matchRoles } from '../../modules/skills/role-match.service';
import { skillIndex } from '../../modules/skills/skill-index';
import { matchSkills } from '../../modules/skills/skill-matching';
import { Skill } from '../../modules/skills/skill.entity';
import { SkillRequirement } from '../../modules/skills/skill-requirement.entity';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { percent, shown } from '../format';
import { citations, named } from '../schemas';
import { defineTool, limitArg } from '../tool';

const item = z.object({ skill: z.string(), importance: z.string() });

/** role_matches: which role levels fit the skills someone holds, best first (the roleMatches query). */
export const roleMatchesTool = defineTool({
  name: 'role_matches',
  title: 'Roles that fit some skills',
  description:
    'Which role levels fit the skills a person holds ("which roles fit Java, SQL and Docker"), best first: the ' +
    "weighted share of each level's REQUIRED (weight 3) and RECOMMENDED (weight 1) skills held, the share of " +
    'REQUIRED skills held, and what is still lacking, each level cited. Skills match by slug, name or alias in any ' +
    'case; a narrower skill meets a broader requirement. The reverse of skill_gap.',
  input: {
    have: z
      .array(
        z
          .string()
          .trim()
          .min(1, { error: 'each skill in "have" must be a non-empty name' })
          .max(100),
        {
          error: '"have" must be a list of skill names, such as ["Java", "SQL", "Docker"]',
        },
      )
      .min(1, { error: '"have" must name at least one skill, such as ["Java", "SQL", "Docker"]' })
      .max(100, { error: '"have" takes at most 100 skills' })
      .describe('Skills the person holds, by slug, name or alias.'),
    limit: limitArg('role levels', 10),
  },
  output: {
    total: z
      .number()
      .describe('How many levels ask for skills to match; matches holds the best `limit` of them.'),
    matches: z.array(
      z.object({
        level: named,
        role: named,
        score: z
          .number()
          .describe(
            'Weighted share of REQUIRED (3) and RECOMMENDED (1) skills held, 0 to 1, to four decimals.',
          ),
        requiredCoverage: z
          .number()
          .describe(
            'Share of REQUIRED skills (or groups) held, 0 to 1, to four decimals (1 when none is required).',
          ),
        requiredHeld: z.number(),
        requiredTotal: z.number(),
        matched: z.array(item),
        missing: z.array(item),
        missingGroups: z.array(
          z.object({ name: z.string(), importance: z.string(), anyOneOf: z.array(z.string()) }),
        ),
        citations,
      }),
    ),
    unrecognized: z.array(z.string()).describe('Inputs that name no skill.'),
    sources: citations,
  },
  async run(ctx, { have, limit }) {
    const [all, index] = await Promise.all([
      matchRoles(ctx, have, Number.MAX_SAFE_INTEGER),
      skillIndex(ctx),
    ]);
    const { unrecognized } = matchSkills(have, index.names);
    const recognized = have.filter((h) => !unrecognized.includes(h));
    // with no skill recognized every level fits equally badly: no ranking to give
    const ranked = recognized.length ? all : [];
    const best = ranked.slice(0, limit ?? 10);
    const requirements = best.flatMap((m) => [
      ...m.matched,
      ...m.missing,
      ...m.missingGroups.flatMap((g) => g.options),
    ]);
    const [skills, roles, levelCitations] = await Promise.all([
      ctx.loaders.use(byId(Skill)).loadMany(requirements.map((r) => r.skillId)),
      ctx.loaders.use(byId(Role)).loadMany(best.map((m) => m.level.roleId)),
      citationsFor(
        ctx,
        'RoleLevel',
        best.map((m) => m.level.id),
      ),
    ]);
    const skillName = new Map(
      requirements.map((r, i) => [
        r.skillId,
        (skills[i] as Skill | null)?.name ?? `skill ${r.skillId}`,
      ]),
    );
    const itemOf = (r: SkillRequirement) => ({
      skill: skillName.get(r.skillId) as string,
      importance: r.importance,
    });
    const matches = best.map((m, i) => {
      const role = roles[i] as Role;
      return {
        level: { slug: m.level.slug, name: m.level.name },
        role: { slug: role.slug, name: role.name },
        score: m.score,
        requiredCoverage: m.requiredCoverage,
        requiredHeld: m.exact.requiredHeld,
        requiredTotal: m.exact.requiredTotal,
        matched: m.matched.map(itemOf),
        missing: m.missing.map(itemOf),
        missingGroups: m.missingGroups.map((g) => ({
          name: g.name,
          importance: g.importance,
          anyOneOf: g.options.map((r) => skillName.get(r.skillId) as string),
        })),
        citations: levelCitations[i],
        exact: m.exact,
      };
    });

    const lines: string[] = [];
    if (recognized.length === 0) {
      lines.push(
        `None of ${have.map((h) => `"${h}"`).join(', ')} is recognized as a skill, so no role can be matched; find skills with search.`,
      );
    } else {
      lines.push(
        `Role levels that best fit ${recognized.join(', ')} (fit: weighted share of required ×3 and recommended ×1 skills held), ` +
          `the best ${matches.length} of ${ranked.length}:`,
      );
      matches.forEach((m, i) => {
        const lacking = [
          ...m.missing.filter((s) => s.importance === 'REQUIRED').map((s) => s.skill),
          ...m.missingGroups
            .filter((g) => g.importance === 'REQUIRED')
            .map((g) => `one of ${g.anyOneOf.join('/')}`),
        ];
        const cut = shown(lacking, 5);
        lines.push(
          `${i + 1}. ${m.level.name} (${m.role.name}): fit ${percent(m.exact.weightHeld, m.exact.weightTotal)}, ` +
            `required skills held ${m.requiredHeld} of ${m.requiredTotal} (${percent(m.requiredHeld, m.requiredTotal)})` +
            (lacking.length
              ? `; still lacking (required): ${cut.items.join(', ')}${cut.more}`
              : '; no required skill lacking') +
            `.${citeText(m.citations)}`,
        );
      });
    }
    if (unrecognized.length && recognized.length) {
      lines.push(
        `Not recognized as skills: ${unrecognized.map((u) => `"${u}"`).join(', ')} (check the spelling, or find the skill with search).`,
      );
    }
    return {
      structured: {
        total: ranked.length,
        matches: matches.map(({ exact: _exact, ...m }) => m),
        unrecognized,
        sources: distinctCitations(levelCitations),
      },
      text: lines.join('\n'),
    };
  },
});
