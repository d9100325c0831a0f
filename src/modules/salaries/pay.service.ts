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
  return then(bandsAtLevel(ctx, level), (bands) => ({
    bands,
    scope: bands.length === 0 ? null : bands[0].levelId == null ? PayScope.ROLE : PayScope.LEVEL,
  }));
}

/** The bands of `payAtLevel`. */
export function bandsAtLevel(
  ctx: Context,
  level: Pick<RoleLevel, 'id' | 'roleId'>,
): MaybePromise<SalaryBand[]> {
  return then(ctx.loaders.load(salaryBandsOfLevel, level.id), (own) =>
    own.length ? own : then(ctx.loaders.load(salaryBandsOfRole, level.roleId), roleWideOf),
  );
}

/**
 * The bands of a role's list that cover the whole role, worked out once per list: the lists of a
 * graph version are shared by its requests, and so are these.
 */
function roleWideOf(ofRole: SalaryBand[]): SalaryBand[] {
  let roleWide = roleWideBands.get(ofRole);
  if (!roleWide) {
    roleWide = Object.freeze(ofRole.filter((b) => b.levelId == null)) as SalaryBand[];
    roleWideBands.set(ofRole, roleWide);
  }
  return roleWide;
}
const roleWideBands = new WeakMap<SalaryBand[], SalaryBand[]>();

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
