import { Context } from '../../core/context';
import { MaybePromise, then } from '../../core/maybe-promise';
import { RoleLevel } from '../roles/role-level.entity';
import { payChange } from './pay';
import { PayChange } from './pay-change.type';
import { PayScope } from './pay-scope';
import { SalaryBand, UNSPECIFIED_REGION } from './salary-band.entity';
import { salaryBandsOfLevel, salaryBandsOfRole } from './salary.loader';

/** The pay at a level and whose it is; scope null when neither the level nor its role has any. */
export interface PayAtLevel {
  bands: SalaryBand[];
  scope: PayScope | null;
}

/**
 * The one answer to "what does this level pay", wherever it is asked (RoleLevel.salaryBands,
 * career path stops, reachable levels, the MCP tools): the level's own bands, or else those
 * that cover its whole role.
 */
export function payAtLevel(
  ctx: Context,
  level: Pick<RoleLevel, 'id' | 'roleId'>,
): MaybePromise<PayAtLevel> {
  return then(ctx.loaders.load(salaryBandsOfLevel, level.id), (own) => {
    if (own.length) return { bands: own, scope: PayScope.LEVEL };
    return then(ctx.loaders.load(salaryBandsOfRole, level.roleId), (ofRole) => {
      const roleWide = ofRole.filter((b) => b.levelId == null);
      return { bands: roleWide, scope: roleWide.length ? PayScope.ROLE : null };
    });
  });
}

/** The bands of `payAtLevel`. */
export function bandsAtLevel(
  ctx: Context,
  level: Pick<RoleLevel, 'id' | 'roleId'>,
): MaybePromise<SalaryBand[]> {
  return then(payAtLevel(ctx, level), (pay) => pay.bands);
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
