import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { CareerTransition } from './career-transition.entity';
import { skillsToGainOf } from './transition.loader';

@Resolver(() => CareerTransition)
export class CareerTransitionResolver extends CitedResolver(CareerTransition, 'CareerTransition') {
  @FieldResolver(() => RoleLevel)
  async from(@Root() t: CareerTransition, @Ctx() ctx: Context): Promise<RoleLevel> {
    return (await ctx.loaders.use(byId(RoleLevel)).load(t.fromLevelId)) as RoleLevel;
  }

  @FieldResolver(() => RoleLevel)
  async to(@Root() t: CareerTransition, @Ctx() ctx: Context): Promise<RoleLevel> {
    return (await ctx.loaders.use(byId(RoleLevel)).load(t.toLevelId)) as RoleLevel;
  }

  @FieldResolver(() => [Skill], { description: 'Skills to build before making this move.' })
  skillsToGain(@Root() t: CareerTransition, @Ctx() ctx: Context): Promise<Skill[]> {
    return ctx.loaders.use(skillsToGainOf).load(t.id);
  }
}
