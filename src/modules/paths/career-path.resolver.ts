import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { Certification } from '../certifications/certification.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CareerPath } from './career-path.type';
import { findCareerPath, pathCertifications, pathSkills } from './path.service';

@Resolver(() => CareerPath)
export class CareerPathResolver {
  @Query(() => CareerPath, {
    nullable: true,
    description:
      'The quickest way from one role level to another (least total typical years, then fewest steps), or null when none exists. `from` and `to` are role level slugs; a role slug also works: as `from` it means the role\'s entry level, as `to` whichever of its levels is reached first. An unknown slug is a BAD_USER_INPUT error.',
  })
  careerPath(@Arg('from') from: string, @Arg('to') to: string, @Ctx() ctx: Context): Promise<CareerPath | null> {
    return findCareerPath(ctx, from, to);
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
  skillsToGain(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<Skill[]> {
    return pathSkills(ctx, path);
  }

  @FieldResolver(() => [Certification], {
    description: 'Certifications cited for the levels the path reaches or for the skills it builds, each once.',
  })
  certifications(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<Certification[]> {
    return pathCertifications(ctx, path);
  }
}
