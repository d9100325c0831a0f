import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { byId } from '../../core/loaders';
import { resolveLevel } from '../paths/path.service';
import { requirementsOfLevel } from '../skills/skill.loader';
import { Skill } from '../skills/skill.entity';
import { SkillImportance } from '../skills/skill-requirement.entity';
import { DistinctSkills, LevelComparison, SkillComparisonRow } from './level-comparison.type';

/** Puts two to five levels side by side (see LevelComparison). */
export async function compareLevels(ctx: Context, slugs: string[]): Promise<LevelComparison> {
  const levels = await Promise.all(slugs.map((slug) => resolveLevel(ctx, slug, 'slugs')));
  if (new Set(levels.map((l) => l.id)).size !== levels.length) {
    throw badInput('slugs', '"slugs" name the same level more than once');
  }
  const asked = await Promise.all(levels.map((level) => ctx.loaders.load(requirementsOfLevel, level.id)));
  const skillIds = [...new Set(asked.flat().map((r) => r.skillId))];
  const skills = new Map(
    (await ctx.loaders.use(byId(Skill)).loadMany(skillIds)).filter((s): s is Skill => s instanceof Skill).map((s) => [s.id, s]),
  );
  const rows = skillIds.map((id) => {
    const importances = asked.map((list) => list.find((r) => r.skillId === id)?.importance ?? null) as (SkillImportance | null)[];
    return Object.assign(new SkillComparisonRow(), {
      skill: skills.get(id) as Skill,
      importances,
      shared: importances.every((i) => i !== null),
    });
  });
  rows.sort((a, b) => Number(b.shared) - Number(a.shared) || a.skill.name.localeCompare(b.skill.name));
  return Object.assign(new LevelComparison(), {
    levels,
    skills: rows,
    sharedSkills: rows.filter((r) => r.shared).map((r) => r.skill),
    distinctSkills: levels.map((level, i) =>
      Object.assign(new DistinctSkills(), {
        level,
        skills: rows.filter((r) => r.importances.filter((x) => x !== null).length === 1 && r.importances[i] !== null).map((r) => r.skill),
      }),
    ),
  });
}
