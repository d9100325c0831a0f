import { byId } from '../../core/loaders';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { bandsAtLevel } from '../../modules/salaries/pay.service';
import { findCareerPath, pathCertifications, pathSkills, resolveLevel } from '../../modules/paths/path.service';
import { skillsToGainOf } from '../../modules/paths/transition.loader';
import { citationsFor, citationsOfOne, citeText, distinctCitations } from '../cite';
import { pathTime, PathTimeBound } from '../../modules/paths/path-time';
import { bandFigures, pay, range, years } from '../format';
import { defineTool, slugArg } from '../tool';

/** career_path: the quickest cited route between two roles or levels, with years and pay. */
export const careerPathTool = defineTool({
  name: 'career_path',
  title: 'Career path',
  description:
    'The quickest cited route from one role (or role level) to another: each move with its kind, typical years, ' +
    'skills to build and the pay at the level it reaches, plus the total years. Slugs forgive case and hyphens; ' +
    'a role slug means its entry level for "from" and any of its levels for "to". Use search to find slugs.',
  input: {
    from: slugArg('from', 'junior-backend-developer').describe('Where the person is now: a role level or role slug.'),
    to: slugArg('to', 'engineering-manager').describe('Where they want to get: a role level or role slug.'),
  },
  async run(ctx, { from, to }) {
    const path = await findCareerPath(ctx, from, to);
    if (!path) {
      const [a, b] = await Promise.all([resolveLevel(ctx, from, 'from'), resolveLevel(ctx, to, 'to')]);
      return {
        structured: { found: false, from: { slug: a.slug, name: a.name }, to: { slug: b.slug, name: b.name }, steps: [] },
        text: `No cited route leads from ${a.name} to ${b.name}; the sources describe no chain of moves between them.`,
      };
    }
    const levels = await ctx.loaders.use(byId(RoleLevel)).loadMany(path.steps.map((s) => s.fromLevelId));
    const [stepCitations, stepSkills, bands, skills, certifications] = await Promise.all([
      citationsFor(ctx, 'CareerTransition', path.steps.map((s) => s.id)),
      ctx.loaders.use(skillsToGainOf).loadMany(path.steps.map((s) => s.id)),
      Promise.all(path.steps.map(async (s) => bandsAtLevel(ctx, (await ctx.loaders.use(byId(RoleLevel)).load(s.toLevelId)) as RoleLevel))),
      pathSkills(ctx, path),
      pathCertifications(ctx, path),
    ]);
    const bandCitations = await citationsFor(ctx, 'SalaryBand', bands.flat().map((b) => b.id));
    const citeOfBand = new Map(bands.flat().map((b, i) => [b.id, bandCitations[i]]));
    const toLevels = await ctx.loaders.use(byId(RoleLevel)).loadMany(path.steps.map((s) => s.toLevelId));

    const steps = path.steps.map((step, i) => {
      const fromLevel = levels[i] as RoleLevel;
      const toLevel = toLevels[i] as RoleLevel;
      return {
        kind: step.kind,
        from: { slug: fromLevel.slug, name: fromLevel.name },
        to: { slug: toLevel.slug, name: toLevel.name },
        typicalYears: range(step.typicalYearsQuantity),
        skillsToGain: (Array.isArray(stepSkills[i]) ? stepSkills[i] : []).map((s) => s.name),
        pay: bands[i].map((b) => ({
          /** "level" when the figure is for this level, "role" when only the whole role has one. */
          scope: b.levelId == null ? 'role' : 'level',
          ...bandFigures(b),
          citations: citeOfBand.get(b.id) ?? [],
        })),
        citations: stepCitations[i],
      };
    });
    const time = pathTime(path.fromLevel, path.steps, toLevels as RoleLevel[]);
    const total = years(path.typicalYears);
    const requirement = time?.boundBy === PathTimeBound.ENTRY_REQUIREMENT ? time : null;
    const requirementCites = requirement?.requirementLevel ? await citationsOfOne(ctx, 'RoleLevel', requirement.requirementLevel.id) : [];
    const lines = [
      `Quickest cited route from ${path.fromLevel.name} to ${path.toLevel.name}: ${steps.length} step${steps.length === 1 ? '' : 's'}` +
        (requirement
          ? `, taking ${requirement.years.text} in total (${requirement.requirementLevel?.name} asks for ` +
            `${requirement.requirementLevel?.yearsOfExperienceQuantity?.text} of experience${citeText(requirementCites.slice(0, 1))}` +
            `${requirement.stepSum ? `; the steps alone sum to ${requirement.stepSum.text}` : ''})`
          : total ? `, typically ${total} in total` : ', with no figure for the time it takes') +
        (path.stepsWithoutYears ? ` (${path.stepsWithoutYears} step${path.stepsWithoutYears === 1 ? ' has' : 's have'} no figure for years, not counted).` : '.'),
      ...steps.map((s, i) => {
        const time = years(s.typicalYears);
        const figures = s.pay
          .slice(0, 2)
          .map((b) => `${pay(b)} (${b.label}${b.year ? `, ${b.year}` : ''}${b.scope === 'role' ? ', for the role as a whole' : ''})${citeText(b.citations)}`);
        return (
          `${i + 1}. ${s.from.name} → ${s.to.name}: ${s.kind.toLowerCase()}${time ? ` after ${time}` : ''}` +
          (s.skillsToGain.length ? `; build ${s.skillsToGain.join(', ')}` : '') +
          (figures.length ? `; pay there: ${figures.join('; ')}` : '; no pay figure for this level') +
          `.${citeText(s.citations)}`
        );
      }),
    ];
    if (certifications.length) lines.push(`Certifications that help: ${certifications.map((c) => c.name).join(', ')}.`);
    return {
      structured: {
        found: true,
        from: { slug: path.fromLevel.slug, name: path.fromLevel.name },
        to: { slug: path.toLevel.slug, name: path.toLevel.name },
        typicalYears: range(path.typicalYears),
        /** the steps' years combined with the levels' entry requirements (CareerPath.timeToReach) */
        timeToReach: time ? { ...range(time.years), text: time.years.text, boundBy: time.boundBy, requirementOf: time.requirementLevel?.slug ?? null } : null,
        stepsWithoutYears: path.stepsWithoutYears,
        steps,
        skillsToGain: skills.map((s) => s.name),
        certifications: certifications.map((c) => c.name),
        sources: distinctCitations([...stepCitations, ...bandCitations]),
      },
      text: lines.join('\n'),
    };
  },
});
