import { byId } from '../../core/loaders';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { bandsAtLevel } from '../../modules/salaries/pay.service';
import {
  findCareerPath,
  pathCertifications,
  pathSkills,
  resolveLevel,
  yearCarriers,
} from '../../modules/paths/path.service';
import { Basis } from '../../core/basis';
import { NO_STARTING_POINT } from '../../modules/directions/direction.service';
import { skillsToGainOf } from '../../modules/paths/transition.loader';
import { citationsFor, citationsOfOne, citeText, distinctCitations } from '../cite';
import { pathTime, PathTimeBound } from '../../modules/paths/path-time';
import { bandFigures, pay, range, shown, years } from '../format';
import { z } from 'zod';
import { bandShape, citations, named, payScope, statistic, yearRange } from '../schemas';
import { defineTool, slugArg } from '../tool';
import { rolePayStatistics, wageChange } from '../../modules/occupations/pay-statistics.service';
import { statisticOut, statisticsText } from '../pay-statistics';
import { certificationLabel } from '../../modules/certification-lifecycle/lifecycle.service';

/** career_path: the quickest cited route between two roles or levels, with years and pay. */
export const careerPathTool = defineTool({
  name: 'career_path',
  title: 'Career path',
  description:
    'The quickest cited route from one role (or role level) to another: each move with its kind, typical years, ' +
    'skills to build and the pay at the level it reaches, plus the total years. Slugs forgive case and hyphens; ' +
    'a role slug means its entry level for "from" and any of its levels for "to". Use search to find slugs.',
  input: {
    from: slugArg('from', 'junior-backend-developer').describe(
      'Where the person is now: a role level or role slug.',
    ),
    to: slugArg('to', 'engineering-manager').describe(
      'Where they want to get: a role level or role slug.',
    ),
    includeDirections: z
      .boolean({ error: '"includeDirections" must be true or false' })
      .optional()
      .describe(
        'Also let the route take career directions: destinations the sources name without saying from which level (no years, no pay). Off by default.',
      ),
  },
  output: {
    found: z.boolean().describe('false when no cited route leads there (steps is then empty)'),
    from: named,
    to: named,
    typicalYears: yearRange.optional(),
    timeToReach: z
      .object({
        min: z.number().nullable(),
        max: z.number().nullable(),
        minQualifier: z.string().nullable().optional(),
        maxQualifier: z.string().nullable().optional(),
        text: z.string(),
        boundBy: z.string(),
        requirementOf: z.string().nullable(),
      })
      .nullable()
      .optional(),
    stepsWithoutYears: z.number().optional(),
    directionSteps: z
      .number()
      .optional()
      .describe('Steps that are career directions (only with includeDirections).'),
    steps: z.array(
      z.object({
        kind: z.string(),
        isDirection: z
          .boolean()
          .optional()
          .describe(
            'true for a career direction: the sources name the destination but no starting level or time',
          ),
        note: z.string().optional(),
        startBasis: z
          .string()
          .optional()
          .describe(
            "How the move's starting level is known: STATED (a cited span names it) or EDITORIAL (our editors' choice; see note)",
          ),
        from: named,
        to: named,
        typicalYears: yearRange,
        skillsToGain: z.array(z.string()),
        pay: z.array(z.object({ scope: payScope, ...bandShape, citations })),
        statistics: z.array(statistic),
        citations,
      }),
    ),
    skillsToGain: z.array(z.string()).optional(),
    certifications: z.array(z.string()).optional(),
    certificationAdvice: z.array(z.string()).optional(),
    startStatistics: z.array(statistic).optional(),
    wageChange: z
      .object({
        statistic: z.string(),
        compares: z.string(),
        difference: z.number(),
        sameYear: z.boolean(),
      })
      .nullable()
      .optional(),
    sources: citations.optional(),
  },
  async run(ctx, { from, to, includeDirections }) {
    const path = await findCareerPath(ctx, from, to, {
      includeDirections: includeDirections ?? false,
    });
    if (!path) {
      const [a, b] = await Promise.all([
        resolveLevel(ctx, from, 'from'),
        resolveLevel(ctx, to, 'to'),
      ]);
      return {
        structured: {
          found: false,
          from: { slug: a.slug, name: a.name },
          to: { slug: b.slug, name: b.name },
          steps: [],
        },
        text: `No cited route leads from ${a.name} to ${b.name}; the sources describe no chain of moves between them.`,
      };
    }
    const levels = await ctx.loaders
      .use(byId(RoleLevel))
      .loadMany(path.steps.map((s) => s.fromLevelId));
    const [stepCitations, stepSkills, bands, skills, certifications] = await Promise.all([
      citationsFor(
        ctx,
        'CareerTransition',
        path.steps.map((s) => s.id),
      ),
      ctx.loaders.use(skillsToGainOf).loadMany(path.steps.map((s) => s.id)),
      Promise.all(
        path.steps.map(async (s) =>
          bandsAtLevel(
            ctx,
            (await ctx.loaders.use(byId(RoleLevel)).load(s.toLevelId)) as RoleLevel,
          ),
        ),
      ),
      pathSkills(ctx, path),
      pathCertifications(ctx, path),
    ]);
    const bandCitations = await citationsFor(
      ctx,
      'SalaryBand',
      bands.flat().map((b) => b.id),
    );
    const citeOfBand = new Map(bands.flat().map((b, i) => [b.id, bandCitations[i]]));
    const toLevels = await ctx.loaders
      .use(byId(RoleLevel))
      .loadMany(path.steps.map((s) => s.toLevelId));
    const [startStats, ...stopStats] = await Promise.all(
      [path.fromLevel, ...(toLevels as RoleLevel[])].map((l) => rolePayStatistics(ctx, l.roleId)),
    );
    const change = wageChange(startStats, stopStats[stopStats.length - 1] ?? []);
    const directionSteps = path.route.filter((s) => s.direction);
    const directionCitations = await citationsFor(
      ctx,
      'CareerDirection',
      directionSteps.map((s) => s.direction!.id),
    );

    const transitionSteps = path.steps.map((step, i) => {
      const fromLevel = levels[i] as RoleLevel;
      const toLevel = toLevels[i] as RoleLevel;
      return {
        kind: step.kind,
        startBasis: step.startBasis,
        ...(step.startBasis === Basis.EDITORIAL && step.startRationale
          ? { note: step.startRationale }
          : {}),
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
        /** Published statistics (BLS OEWS, US national) for the occupations of the level's role. */
        statistics: stopStats[i].map(statisticOut),
        citations: stepCitations[i],
      };
    });
    // every step in route order: a direction carries no years, pay or skills of its own
    let t = 0;
    let d = 0;
    const steps = path.route.map((step) =>
      step.direction
        ? {
            kind: 'DIRECTION',
            isDirection: true,
            note: NO_STARTING_POINT,
            from: { slug: step.fromLevel.slug, name: step.fromLevel.name },
            to: { slug: step.toLevel.slug, name: step.toLevel.name },
            typicalYears: null,
            skillsToGain: [] as string[],
            pay: [] as (typeof transitionSteps)[number]['pay'],
            statistics: [] as (typeof transitionSteps)[number]['statistics'],
            citations: directionCitations[d++],
          }
        : transitionSteps[t++],
    );
    const time = pathTime(
      path.fromLevel,
      yearCarriers(path),
      path.route.map((s) => s.toLevel),
    );
    const total = years(path.typicalYears);
    const requirement = time?.boundBy === PathTimeBound.ENTRY_REQUIREMENT ? time : null;
    const requirementCites = requirement?.requirementLevel
      ? await citationsOfOne(ctx, 'RoleLevel', requirement.requirementLevel.id)
      : [];
    const lines = [
      `Quickest cited route from ${path.fromLevel.name} to ${path.toLevel.name}: ${steps.length} step${steps.length === 1 ? '' : 's'}` +
        (requirement
          ? `, taking ${requirement.years.text} in total (${requirement.requirementLevel?.name} asks for ` +
            `${requirement.requirementLevel?.yearsOfExperienceQuantity?.text} of experience${citeText(requirementCites, 1)}` +
            `${requirement.stepSum ? `; the steps alone sum to ${requirement.stepSum.text}` : ''})`
          : total
            ? `, typically ${total} in total`
            : ', with no figure for the time it takes') +
        (path.stepsWithoutYears
          ? ` (${path.stepsWithoutYears} step${path.stepsWithoutYears === 1 ? ' has' : 's have'} no figure for years, not counted).`
          : '.') +
        (path.directionSteps
          ? ` ${path.directionSteps} step${path.directionSteps === 1 ? ' is a career direction' : 's are career directions'}: the sources do not say from which level, so no years or pay are given for ${path.directionSteps === 1 ? 'it' : 'them'}.`
          : ''),
      ...steps.map((s, i) => {
        if ('isDirection' in s && s.isDirection) {
          return (
            `${i + 1}. ${s.from.name} → ${s.to.name}: a career direction, not a cited move. The sources name ${s.to.name} as a destination ` +
            `but do not say from which level or after how long, so this step has no years and no pay of its own.${citeText(s.citations)}`
          );
        }
        const time = years(s.typicalYears);
        const bands = shown(s.pay, 2);
        const figures = bands.items.map(
          (b) =>
            `${pay(b)} (${b.label}${b.year ? `, ${b.year}` : ''}${b.scope === 'role' ? ', for the role as a whole' : ''})${citeText(b.citations)}`,
        );
        if (bands.more)
          figures.push(
            `${bands.more.trim()} figure${s.pay.length - 2 === 1 ? '' : 's'} (in the structured answer, or salary_bands with level "${s.to.slug}")`,
          );
        return (
          `${i + 1}. ${s.from.name} → ${s.to.name}: ${s.kind.toLowerCase()}${time ? ` after ${time}` : ''}` +
          ('startBasis' in s && s.startBasis === Basis.EDITORIAL
            ? " (the starting level is our editors' choice)"
            : '') +
          (s.skillsToGain.length ? `; build ${s.skillsToGain.join(', ')}` : '') +
          (figures.length
            ? `; pay there (guide): ${figures.join('; ')}`
            : '; no guide pay figure for this level') +
          `.${citeText(s.citations)}` +
          (stopStats[i].length
            ? ` Published statistics: ${statisticsText(stopStats[i]).join(' ')}`
            : ' No published statistic is held for its occupation.')
        );
      }),
    ];
    if (change)
      lines.push(
        `Change in pay along the route, comparing the ${change.compares}: ${change.difference >= 0 ? '+' : '-'}$${Math.abs(change.difference).toLocaleString('en-US')}${change.sameYear ? '' : ' (figures for different or unstated years)'}.`,
      );
    // a retired exam is never named without what replaced it
    const certificationLabels = await Promise.all(
      certifications.map((c) => certificationLabel(ctx, c)),
    );
    // a certification's link to a level is a curator's reading unless a span states it (its provenance says which)
    const suggested = certifications.every((c) =>
      (c.provenanceList ?? []).some((e) => e.field === 'levels' && e.basis !== 'STATED'),
    );
    if (certifications.length) {
      lines.push(
        `Certifications that help${suggested ? " (our editors' suggestion: the sources name these certifications but tie none to a level)" : ''}: ${certificationLabels.join(', ')}.`,
      );
    }
    return {
      structured: {
        found: true,
        from: { slug: path.fromLevel.slug, name: path.fromLevel.name },
        to: { slug: path.toLevel.slug, name: path.toLevel.name },
        typicalYears: range(path.typicalYears),
        /** the steps' years combined with the levels' entry requirements (CareerPath.timeToReach) */
        timeToReach: time
          ? {
              ...range(time.years),
              text: time.years.text,
              boundBy: time.boundBy,
              requirementOf: time.requirementLevel?.slug ?? null,
            }
          : null,
        stepsWithoutYears: path.stepsWithoutYears,
        directionSteps: path.directionSteps,
        steps,
        skillsToGain: skills.map((s) => s.name),
        certifications: certifications.map((c) => c.name),
        certificationAdvice: certificationLabels,
        startStatistics: startStats.map(statisticOut),
        wageChange: change && {
          statistic: change.statistic,
          compares: change.compares,
          difference: change.difference,
          sameYear: change.sameYear,
        },
        sources: distinctCitations([...stepCitations, ...directionCitations, ...bandCitations]),
      },
      text: lines.join('\n'),
    };
  },
});
