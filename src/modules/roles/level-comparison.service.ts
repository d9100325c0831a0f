import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { byId } from '../../core/loaders';
import { resolveLevel } from '../paths/path.service';
import { requirementsOfLevel } from '../skills/skill.loader';
import { Skill } from '../skills/skill.entity';
import { SkillImportance } from '../skills/skill-requirement.entity';
import { DistinctSkills, LevelComparison, SkillComparisonRow } from './level-comparison.type';
import { Basis } from '../../core/basis';
import { gradeAccepted } from '../skills/skill-gap.service';

/** Puts two to five levels side by side (see LevelComparison). */
export async function compareLevels(
  ctx: Context,
  slugs: string[],
  basis: Basis | null = null,
): Promise<LevelComparison> {
  const levels = await Promise.all(slugs.map((slug) => resolveLevel(ctx, slug, 'slugs')));
  if (new Set(levels.map((l) => l.id)).size !== levels.length) {
    throw badInput('slugs', '"slugs" name the same level more than once');
  }
  const asked = await Promise.all(
    levels.map((level) => ctx.loaders.load(requirementsOfLevel, level.id)),
  );
  const skillIds = [...new Set(asked.flat().map((r) => r.skillId))];
  const skills = new Map(
    (await ctx.loaders.use(byId(Skill)).loadMany(skillIds))
      .filter((s): s is Skill => s instanceof Skill)
      .map((s) => [s.id, s]),
  );
  let omitted = 0;
  const rows = skillIds.map((id) => {
    const grades = asked.map((list) => list.find((r) => r.skillId === id) ?? null);
    // a grade the basis does not accept is left out (null), and `listed` still says the level asks for the skill
    const importances = grades.map((r) => {
      if (!r) return null;
      if (gradeAccepted(r.importanceBasis, basis)) return r.importance;
      omitted += 1;
      return null;
    }) as (SkillImportance | null)[];
    const listed = grades.map((r) => r !== null);
    return Object.assign(new SkillComparisonRow(), {
      skill: skills.get(id) as Skill,
      importances,
      listed,
      importanceBases: grades.map((r) =>
        r && gradeAccepted(r.importanceBasis, basis) ? r.importanceBasis : null,
      ),
      shared: listed.every(Boolean),
    });
  });
  rows.sort(
    (a, b) => Number(b.shared) - Number(a.shared) || a.skill.name.localeCompare(b.skill.name),
  );
  return Object.assign(new LevelComparison(), {
    levels,
    skills: rows,
    sharedSkills: rows.filter((r) => r.shared).map((r) => r.skill),
    distinctSkills: levels.map((level, i) =>
      Object.assign(new DistinctSkills(), {
        level,
        skills: rows
          .filter((r) => r.listed.filter(Boolean).length === 1 && r.listed[i])
          .map((r) => r.skill),
      }),
    ),
    omittedGrades: omitted,
    omittedReason: omitted
      ? `${omitted} importance grade${omitted === 1 ? ' is' : 's are'} left out (null in importances): ${omitted === 1 ? 'it is' : 'they are'} EDITORIAL, a curator's judgement the sources do not state, and basis ${basis} asks for firmer values. listed still shows which levels ask for each skill.`
      : null,
  });
}
