import { Context } from '../../core/context';
import { CareerDirection } from './career-direction.entity';

/** What every direction says about its start, in the API and the MCP tools alike. */
export const NO_STARTING_POINT =
  'The sources name this destination without saying from which level, or after how long.';

/** Every direction, grouped once per graph version: by the role it starts from and the one it leads to. */
export async function directionIndex(ctx: Context): Promise<{
  all: readonly CareerDirection[];
  from: Map<number, CareerDirection[]>;
  to: Map<number, CareerDirection[]>;
}> {
  const tables = await ctx.loaders.tables();
  return tables.derive('direction-index', [CareerDirection], async () => {
    const all = await tables.ordered(CareerDirection, 'slug');
    const group = (key: (d: CareerDirection) => number) => {
      const out = new Map<number, CareerDirection[]>();
      for (const d of all) out.set(key(d), [...(out.get(key(d)) ?? []), d]);
      return out;
    };
    return { all, from: group((d) => d.fromRoleId), to: group((d) => d.toRoleId) };
  });
}
