import { Context } from '../../core/context';
import { RoleLevel } from '../roles/role-level.entity';
import { payChange } from './pay';
import { PayChange } from './pay-change.type';
import { SalaryBand, UNSPECIFIED_REGION } from './salary-band.entity';
import { salaryBandsOfLevel, salaryBandsOfRole } from './salary.loader';

/** The bands known for a level: its own, or else those that cover its whole role. */
export async function bandsAtLevel(ctx: Context, level: RoleLevel): Promise<SalaryBand[]> {
  const own = await ctx.loaders.use(salaryBandsOfLevel).load(level.id);
  if (own.length) return own;
  const roleWide = await ctx.loaders.use(salaryBandsOfRole).load(level.roleId);
  return roleWide.filter((b) => b.levelId == null);
}

/** The change between two sets of bands as a GraphQL object, or null when none is comparable. */
export function payChangeBetween(from: SalaryBand[], to: SalaryBand[]): PayChange | null {
  const d = payChange(from, to);
  if (!d) return null;
  return Object.assign(new PayChange(), {
    currency: d.to.currency,
    period: d.to.period,
    region: d.to.region ?? UNSPECIFIED_REGION,
    min: d.min,
    max: d.max,
    from: d.from,
    to: d.to,
  });
}
