import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { YearRange } from '../../core/year-range';
import { Certification } from '../certifications/certification.entity';
import { certificationsOfLevel, certificationsOfSkill } from '../certifications/certification.loader';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CareerPath } from './career-path.type';
import { CareerTransition } from './career-transition.entity';
import { levelsMatching, resolveLevel, transitionGraph } from './path.service';
import { shortestPath } from './path-search';
import { skillsToGainOf } from './transition.loader';

@Resolver(() => CareerPath)
export class CareerPathResolver {
  @Query(() => CareerPath, {
    nullable: true,
    description:
      'The quickest way from one role level to another (least total typical years, then fewest steps), or null when none exists. `from` and `to` are role level slugs; a role slug also works: as `from` it means the role\'s entry level, as `to` whichever of its levels is reached first. An unknown slug is a BAD_USER_INPUT error.',
  })
  async careerPath(@Arg('from') from: string, @Arg('to') to: string, @Ctx() ctx: Context): Promise<CareerPath | null> {
    const start = await resolveLevel(ctx, from, 'from');
    const targets = await levelsMatching(ctx, to, 'to');
    const graph = await transitionGraph(ctx);
    const found = shortestPath(graph.edges, start.id, new Set(targets.map((l) => l.id)));
    if (!found) return null;
    const path = new CareerPath();
    path.fromLevel = start;
    path.steps = found.steps.map((e) => graph.transitions.get(e.id) as CareerTransition);
    const end = found.steps.length ? found.steps[found.steps.length - 1].to : start.id;
    path.toLevel = (await ctx.loaders.use(byId(RoleLevel)).load(end)) as RoleLevel;
    path.typicalYears = YearRange.of(found.minYears, found.maxYears);
    path.stepsWithoutYears = found.stepsWithoutYears;
    return path;
  }

  @FieldResolver(() => RoleLevel)
  from(@Root() path: CareerPath): RoleLevel {
    return path.fromLevel;
  }

  @FieldResolver(() => RoleLevel)
  to(@Root() path: CareerPath): RoleLevel {
    return path.toLevel;
  }

  @FieldResolver(() => [Skill], { description: 'Skills to build along the way, each once, in the order they come up.' })
  async skillsToGain(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<Skill[]> {
    const perStep = await ctx.loaders.use(skillsToGainOf).loadMany(path.steps.map((s) => s.id));
    const unique = new Map<number, Skill>();
    for (const skills of perStep) if (Array.isArray(skills)) for (const s of skills) unique.set(s.id, s);
    return [...unique.values()];
  }

  @FieldResolver(() => [Certification], {
    description: 'Certifications cited for the levels the path reaches or for the skills it builds, each once.',
  })
  async certifications(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<Certification[]> {
    const skills = await this.skillsToGain(path, ctx);
    const [byLevel, bySkill] = await Promise.all([
      ctx.loaders.use(certificationsOfLevel).loadMany(path.steps.map((s) => s.toLevelId)),
      ctx.loaders.use(certificationsOfSkill).loadMany(skills.map((s) => s.id)),
    ]);
    const unique = new Map<number, Certification>();
    for (const list of [...byLevel, ...bySkill]) if (Array.isArray(list)) for (const c of list) unique.set(c.id, c);
    return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
