import { Context } from '../../core/context';
import { RoleLevel } from '../roles/role-level.entity';
import { insightsOfLevel, insightsOfRole, levelsOfInsight } from './guidance.loader';
import { Insight, InsightKind } from './insight.entity';

/** The kinds of insight that count as advice when none are asked for. */
export const ADVICE_KINDS = [
  InsightKind.TIP,
  InsightKind.BEST_PRACTICE,
  InsightKind.COMMON_MISTAKE,
  InsightKind.CHALLENGE,
  InsightKind.INTERVIEW_PREP,
  InsightKind.FIT_TRAIT,
];

/**
 * Advice that applies to a level: insights tied to the level itself first, then those about its
 * role that are tied to no particular level. Each insight once, in source order within each group.
 */
export async function adviceForLevel(
  ctx: Context,
  level: RoleLevel,
  kinds: InsightKind[] = ADVICE_KINDS,
): Promise<Insight[]> {
  const [own, roleWide] = await Promise.all([
    ctx.loaders.use(insightsOfLevel).load(level.id),
    ctx.loaders.use(insightsOfRole).load(level.roleId),
  ]);
  const tied = await ctx.loaders.use(levelsOfInsight).loadMany(roleWide.map((i) => i.id));
  const general = roleWide.filter(
    (_, i) => Array.isArray(tied[i]) && (tied[i] as RoleLevel[]).length === 0,
  );
  return pick([...own, ...general], kinds);
}

/** Advice for a move: what applies at the level reached, then what is tied to the level left. */
export async function adviceForMove(
  ctx: Context,
  from: RoleLevel,
  to: RoleLevel,
  kinds: InsightKind[] = ADVICE_KINDS,
): Promise<Insight[]> {
  const [arriving, leaving] = await Promise.all([
    adviceForLevel(ctx, to, kinds),
    ctx.loaders.use(insightsOfLevel).load(from.id),
  ]);
  return pick([...arriving, ...leaving], kinds);
}

function pick(insights: Insight[], kinds: InsightKind[]): Insight[] {
  const wanted = new Set(kinds);
  const unique = new Map<number, Insight>();
  for (const i of insights) if (wanted.has(i.kind) && !unique.has(i.id)) unique.set(i.id, i);
  return [...unique.values()];
}
