import { z } from 'zod';
import { byId } from '../../core/loaders';
import { reachableLevels } from '../../modules/paths/reachable.service';
import { resolveLevel } from '../../modules/paths/path.service';
import { Role } from '../../modules/roles/role.entity';
import { RoleLevel } from '../../modules/roles/role-level.entity';
import { PayChange } from '../../modules/salaries/pay-change.type';
import { payAtLevel } from '../../modules/salaries/pay.service';
import { PayScope } from '../../modules/salaries/pay-scope';
import { UNSPECIFIED_REGION } from '../../modules/salaries/salary-band.entity';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { bandFigures, pay, range, regionText, shown, signedMoney, years } from '../format';
import { bandShape, citations, named, payChange, payScope, yearRange } from '../schemas';
import { defineTool, limitArg, slugArg } from '../tool';

/** "+$10,000 to +$40,000 a year, US": a pay change's range of differences in words. */
function changeText(c: PayChange): string {
  const per = c.period === 'HOURLY' ? 'an hour' : 'a year';
  const where = regionText(c.region === UNSPECIFIED_REGION ? null : c.region);
  if (c.min != null && c.max != null) {
    return c.min === c.max
      ? `${signedMoney(c.min, c.currency)} ${per}${where}`
      : `${signedMoney(c.min, c.currency)} to ${signedMoney(c.max, c.currency)} ${per}${where}`;
  }
  if (c.min != null) return `at least ${signedMoney(c.min, c.currency)} ${per}${where}`;
  return `up to ${signedMoney(c.max as number, c.currency)} ${per}${where}`;
}

/** reachable_roles: every level reachable from a start within some years, by its quickest cited route. */
export const reachableRolesTool = defineTool({
  name: 'reachable_roles',
  title: 'Roles reachable within some years',
  description:
    'What a person can reach from where they are within a number of years ("what can I reach in 5 years"): every ' +
    'role level whose quickest cited route fits the budget, fewest years first, each with its route, years, the pay ' +
    'there and the change in pay from the start, all cited. Steps no source gives years for count as 0 and are ' +
    'reported. The reachableRoles query.',
  input: {
    from: slugArg('from', 'junior-backend-developer').describe(
      'Where the person is now: a role level slug, or a role slug meaning its entry level.',
    ),
    withinYears: z
      .number({ error: '"withinYears" must be a number of years from 0 to 60, such as 5' })
      .min(0, { error: '"withinYears" must be from 0 to 60' })
      .max(60, { error: '"withinYears" must be from 0 to 60' })
      .describe('The time budget in years: the known minimum of a route must fit in it.'),
    avoidManagement: z
      .boolean({ error: '"avoidManagement" must be true or false' })
      .optional()
      .describe('Leave out moves into management.'),
    includeDirections: z
      .boolean({ error: '"includeDirections" must be true or false' })
      .optional()
      .describe(
        'Also follow career directions: destinations the sources name without saying from which level (no years, no pay). Off by default.',
      ),
    limit: limitArg('levels', 10),
  },
  output: {
    from: named,
    withinYears: z.number(),
    total: z
      .number()
      .describe(
        'Every level reachable within the budget; reachable holds the first `limit` of them.',
      ),
    reachable: z.array(
      z.object({
        level: named,
        role: named,
        typicalYears: yearRange.describe(
          "The quickest route's typical years (steps summed, min and max apart).",
        ),
        stepsWithoutYears: z.number(),
        route: z.array(
          z.object({
            kind: z.string(),
            isDirection: z.boolean().optional(),
            from: named,
            to: named,
            typicalYears: yearRange,
            citations,
          }),
        ),
        payScope: payScope
          .nullable()
          .describe(
            "Whose pay figures are given: the level's own, its whole role's, or none (null).",
          ),
        pay: z.array(z.object({ ...bandShape, citations })),
        payChange: payChange.describe(
          'The change from the start, when comparable figures are known (to.min - from.max up to to.max - from.min).',
        ),
      }),
    ),
    sources: citations,
  },
  async run(ctx, { from, withinYears, avoidManagement, includeDirections, limit }) {
    const start = await resolveLevel(ctx, from, 'from');
    const all = await reachableLevels(ctx, {
      from,
      withinYears,
      avoidManagement,
      includeDirections: includeDirections ?? false,
      first: Number.MAX_SAFE_INTEGER,
    });
    const list = all.slice(0, limit ?? 10);
    const steps = list.flatMap((r) => r.path.steps);
    const stepLevels = await ctx.loaders
      .use(byId(RoleLevel))
      .loadMany(steps.flatMap((s) => [s.fromLevelId, s.toLevelId]));
    const levelById = new Map(
      stepLevels.filter((l): l is RoleLevel => l instanceof RoleLevel).map((l) => [l.id, l]),
    );
    const [roles, stepCitations, pays] = await Promise.all([
      ctx.loaders.use(byId(Role)).loadMany(list.map((r) => r.level.roleId)),
      citationsFor(
        ctx,
        'CareerTransition',
        steps.map((s) => s.id),
      ),
      Promise.all(list.map((r) => payAtLevel(ctx, r.level))),
    ]);
    const bandIds = pays.flatMap((p) => p.bands.map((b) => b.id));
    const bandCitations = await citationsFor(ctx, 'SalaryBand', bandIds);
    const citeOfBand = new Map(bandIds.map((id, i) => [id, bandCitations[i]]));
    const citeOfStep = new Map(steps.map((s, i) => [s.id, stepCitations[i]]));
    const levelRef = (id: number) => ({
      slug: levelById.get(id)?.slug ?? '',
      name: levelById.get(id)?.name ?? '',
    });
    const directions = [
      ...new Map(
        list
          .flatMap((r) => r.path.route)
          .flatMap((s) => (s.direction ? [[s.direction.id, s.direction] as const] : [])),
      ).values(),
    ];
    const directionCites = await citationsFor(
      ctx,
      'CareerDirection',
      directions.map((x) => x.id),
    );
    const citeOfDirection = new Map(directions.map((x, i) => [x.id, directionCites[i]]));

    const reachable = list.map((r, i) => ({
      level: { slug: r.level.slug, name: r.level.name },
      role: { slug: (roles[i] as Role).slug, name: (roles[i] as Role).name },
      typicalYears: range(r.typicalYears),
      stepsWithoutYears: r.stepsWithoutYears,
      route: r.path.route.map((step) => {
        const s = step.transition;
        if (!s) {
          // a career direction: the sources name the destination, not where it is taken from
          const at = (l: RoleLevel) => ({ slug: l.slug, name: l.name });
          return {
            kind: 'DIRECTION',
            isDirection: true,
            from: at(step.fromLevel),
            to: at(step.toLevel),
            typicalYears: null,
            citations: citeOfDirection.get(step.direction!.id) ?? [],
          };
        }
        return {
          kind: s.kind,
          from: levelRef(s.fromLevelId),
          to: levelRef(s.toLevelId),
          typicalYears: range(s.typicalYearsQuantity),
          citations: citeOfStep.get(s.id) ?? [],
        };
      }),
      payScope:
        pays[i].scope === PayScope.LEVEL
          ? ('level' as const)
          : pays[i].scope === PayScope.ROLE
            ? ('role' as const)
            : null,
      pay: pays[i].bands.map((b) => ({ ...bandFigures(b), citations: citeOfBand.get(b.id) ?? [] })),
      payChange: r.payChange && {
        currency: r.payChange.currency,
        period: r.payChange.period,
        region: r.payChange.region,
        min: r.payChange.min,
        max: r.payChange.max,
      },
      change: r.payChange,
    }));

    const budget = `${withinYears} year${withinYears === 1 ? '' : 's'}`;
    const lines = reachable.length
      ? [
          `From ${start.name}, ${all.length} level${all.length === 1 ? '' : 's'} can be reached within ${budget} by cited moves` +
            `${avoidManagement ? ' (management moves left out)' : ''}, fewest years first` +
            `${all.length > reachable.length ? ` (the first ${reachable.length} shown, and ${all.length - reachable.length} more)` : ''}:`,
          ...reachable.map((r, i) => {
            const time = years(r.typicalYears);
            const route = r.route
              .map((s) =>
                s.isDirection
                  ? `a career direction to ${s.to.name} (the sources do not say from which level, or after how long)`
                  : `${s.kind.toLowerCase()} to ${s.to.name}`,
              )
              .join(', then ');
            const figures = shown(r.pay, 2);
            const payText = r.pay.length
              ? `; pay there (guide${r.payScope === 'role' ? `, for the ${r.role.name.toLowerCase()} role as a whole: no source states pay for this level` : ''}): ` +
                figures.items
                  .map(
                    (b) =>
                      `${pay(b)}${regionText(b.region)}${b.year ? `, ${b.year}` : ''}${citeText(b.citations)}`,
                  )
                  .join('; ') +
                figures.more
              : '; no guide pay figure for this level';
            const change = r.change ? `; change from now: ${changeText(r.change)}` : '';
            const unknown = r.stepsWithoutYears
              ? ` (${r.stepsWithoutYears} step${r.stepsWithoutYears === 1 ? ' has' : 's have'} no figure for years, counted as 0)`
              : '';
            const routeCites = distinctCitations(r.route.map((s) => s.citations));
            return `${i + 1}. ${r.level.name}: ${time ? `typically ${time}` : 'no figure for the time'}${unknown}, by ${route}${payText}${change}.${citeText(routeCites)}`;
          }),
        ]
      : [
          `Nothing can be reached from ${start.name} within ${budget} by cited moves${avoidManagement ? ' without management moves' : ''}.`,
        ];
    return {
      structured: {
        from: { slug: start.slug, name: start.name },
        withinYears,
        total: all.length,
        reachable: reachable.map(({ change: _change, ...r }) => r),
        sources: distinctCitations([...stepCitations, ...directionCites, ...bandCitations]),
      },
      text: lines.join('\n'),
    };
  },
});
