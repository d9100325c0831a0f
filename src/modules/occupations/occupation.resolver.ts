import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { byId, MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { Source } from '../sources/source.entity';
import { codeFormatProblem, MATCH_STRENGTH, OccupationSystem } from './occupation-codes';
import { Occupation } from './occupation.entity';
import {
  mappingsOfOccupation,
  occupationByCode,
  occupationById,
  wagesOfOccupation,
} from './occupation.loader';
import { measuresOf } from './pay-statistic.type';
import { RoleOccupation } from './role-occupation.entity';
import { WageStatistic } from './wage-statistic.entity';

/** The occupation with this code, or null; a code whose format does not fit the system is BAD_USER_INPUT naming `code`. */
function findOccupation(
  ctx: Context,
  system: OccupationSystem,
  code: string,
): MaybePromise<Occupation | null> {
  const trimmed = code.trim();
  const problem = codeFormatProblem(system, trimmed);
  if (problem) throw badInput('code', problem);
  return ctx.loaders.load(occupationByCode, `${system} ${trimmed}`);
}

@Resolver(() => Occupation)
export class OccupationResolver {
  @Query(() => [RoleOccupation], {
    description:
      'The roles mapped to an occupation code, strongest match first (EXACT, CLOSE, BROAD, NARROW, RELATED); empty when no role is. A code whose format does not fit the system (SOC 2018 NN-NNNN, O*NET-SOC NN-NNNN.NN, ISCO-08 four digits, ESCO concept URI) is BAD_USER_INPUT naming `code`.',
  })
  async occupations(
    @Arg('system', () => OccupationSystem) system: OccupationSystem,
    @Arg('code') code: string,
    @Ctx() ctx: Context,
  ): Promise<RoleOccupation[]> {
    const occupation = await findOccupation(ctx, system, code);
    if (!occupation) return [];
    const mappings = await ctx.loaders.load(mappingsOfOccupation, occupation.id);
    return [...mappings].sort(
      (a, b) => MATCH_STRENGTH[a.match] - MATCH_STRENGTH[b.match] || a.roleId - b.roleId,
    );
  }

  @Query(() => Occupation, {
    nullable: true,
    description: 'One occupation by system and code, or null when the graph does not hold it.',
  })
  occupation(
    @Arg('system', () => OccupationSystem) system: OccupationSystem,
    @Arg('code') code: string,
    @Ctx() ctx: Context,
  ): MaybePromise<Occupation | null> {
    return findOccupation(ctx, system, code);
  }

  @FieldResolver(() => Source, {
    description: 'The classification the code belongs to, as a cited source.',
  })
  classification(@Root() occupation: Occupation, @Ctx() ctx: Context): MaybePromise<Source> {
    return ctx.loaders.load(byId(Source), occupation.sourceId) as MaybePromise<Source>;
  }

  @FieldResolver(() => [RoleOccupation], {
    description: 'The roles mapped to this code, with the match type.',
  })
  roles(@Root() occupation: Occupation, @Ctx() ctx: Context): MaybePromise<RoleOccupation[]> {
    return ctx.loaders.load(mappingsOfOccupation, occupation.id);
  }

  @FieldResolver(() => [WageStatistic], {
    description:
      'Published pay statistics for this occupation (US national OEWS figures for SOC codes), each with its page and the date read.',
  })
  wageStatistics(
    @Root() occupation: Occupation,
    @Ctx() ctx: Context,
  ): MaybePromise<WageStatistic[]> {
    return ctx.loaders.load(wagesOfOccupation, occupation.id);
  }
}

@Resolver(() => RoleOccupation)
export class OccupationMappingResolver {
  @FieldResolver(() => Role)
  role(@Root() mapping: RoleOccupation, @Ctx() ctx: Context): MaybePromise<Role> {
    return ctx.loaders.load(byId(Role), mapping.roleId) as MaybePromise<Role>;
  }

  @FieldResolver(() => Occupation)
  occupation(@Root() mapping: RoleOccupation, @Ctx() ctx: Context): MaybePromise<Occupation> {
    return ctx.loaders.load(occupationById, mapping.occupationId) as MaybePromise<Occupation>;
  }

  @FieldResolver(() => OccupationSystem)
  async system(@Root() mapping: RoleOccupation, @Ctx() ctx: Context): Promise<OccupationSystem> {
    return ((await ctx.loaders.load(occupationById, mapping.occupationId)) as Occupation).system;
  }

  @FieldResolver(() => String)
  async code(@Root() mapping: RoleOccupation, @Ctx() ctx: Context): Promise<string> {
    return ((await ctx.loaders.load(occupationById, mapping.occupationId)) as Occupation).code;
  }
}

@Resolver(() => WageStatistic)
export class WageStatisticResolver {
  @FieldResolver(() => Occupation)
  occupation(@Root() wage: WageStatistic, @Ctx() ctx: Context): MaybePromise<Occupation> {
    return ctx.loaders.load(occupationById, wage.occupationId) as MaybePromise<Occupation>;
  }

  @FieldResolver(() => String, {
    description:
      'What the figure measures: statistic, period, occupation, region, reference period and publisher.',
  })
  async measures(@Root() wage: WageStatistic, @Ctx() ctx: Context): Promise<string> {
    return measuresOf(
      wage,
      (await ctx.loaders.load(occupationById, wage.occupationId)) as Occupation,
    );
  }
}
