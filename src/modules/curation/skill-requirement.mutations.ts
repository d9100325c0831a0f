import { IsEnum, IsOptional, Matches, MaxLength, MinLength, Validate } from 'class-validator';
import { InputProblems } from '../../core/input-problems';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  UseMiddleware,
} from 'type-graphql';
import { Basis } from '../../core/basis';
import { compositeGlobalId } from '../../core/relay';
import { GradeBasisAllowed } from '../../core/rules';
import { UserError, UserErrors, UserErrorsField } from './user-errors';
import { EntityManager, IsNull } from 'typeorm';
import { ApiRole } from '../../core/auth/api-key.entity';
import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { SLUG_PATTERN } from '../../core/rules';
import { RoleLevel } from '../roles/role-level.entity';
import { SkillImportance, SkillRequirement } from '../skills/skill-requirement.entity';
import { audit, idOf, writeTransaction } from './curation.service';

@InputType({ description: 'Which skill a role (or one of its levels) asks for.' })
class SkillRequirementKey {
  @Field({ description: 'A role slug.' }) @Matches(SLUG_PATTERN) role: string;
  @Field(() => String, {
    nullable: true,
    description: 'A level of that role; leave out for every level.',
  })
  @IsOptional()
  @Matches(SLUG_PATTERN)
  level?: string | null;
  @Field({ description: 'A skill slug.' }) @Matches(SLUG_PATTERN) skill: string;
}

@InputType({ description: 'A skill requirement and how much it matters.' })
class SkillRequirementSetInput extends SkillRequirementKey {
  @Field(() => SkillImportance) @IsEnum(SkillImportance) importance: SkillImportance;

  @Field(() => Basis, {
    nullable: true,
    description:
      'How the grade is known: EDITORIAL (the default) until requirements can carry citations.',
  })
  @IsOptional()
  @IsEnum(Basis)
  @Validate(GradeBasisAllowed)
  basis?: Basis | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A group name (lower-case words joined by hyphens): requirements of a level sharing it are alternatives, any one meeting them all. Null for none.',
  })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'group must be lower-case words joined by hyphens' })
  @MaxLength(60)
  group?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is graded so.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(500)
  rationale?: string | null;
}

@ObjectType({ description: 'A skill requirement after a write; null when it was removed.' })
class SkillRequirementPayload {
  @Field(() => SkillRequirement, { nullable: true }) skillRequirement: SkillRequirement | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'False when nothing had to change; null when userErrors says why nothing was done.',
  })
  changed: boolean;
  @UserErrorsField() userErrors?: UserError[];
  @Field(() => ID, {
    nullable: true,
    description:
      'The global id of the requirement removed (to evict it from a client cache); null when nothing was removed.',
  })
  deletedId?: string | null;
}

async function keyOf(em: EntityManager, input: SkillRequirementKey) {
  const problems = new InputProblems();
  const roleId = await problems.run(() => idOf(em, 'Role', input.role, 'input.role'));
  const skillId = await problems.run(() => idOf(em, 'Skill', input.skill, 'input.skill'));
  let levelId: number | null = null;
  if (input.level && roleId !== undefined) {
    const level = await em.getRepository(RoleLevel).findOne({ where: { slug: input.level } });
    if (level && level.roleId === roleId) levelId = level.id;
    else
      problems.add(
        badInput('input.level', `"${input.level}" is not a level of role "${input.role}"`),
      );
  }
  problems.done();
  return { roleId: roleId as number, skillId: skillId as number, levelId };
}

const where = (k: { roleId: number; skillId: number; levelId: number | null }) => ({
  roleId: k.roleId,
  skillId: k.skillId,
  levelId: k.levelId ?? IsNull(),
});

/** A requirement belongs to its level's record, or to its role's when it is role-wide (as in the files). */
const ownerOf = (k: SkillRequirementKey) =>
  k.level
    ? { kind: 'RoleLevel', key: k.level, deleted: false }
    : { kind: 'Role', key: k.role, deleted: false };

/** Set and remove the skills roles and levels ask for. */
@Resolver()
export class SkillRequirementMutations {
  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => SkillRequirementPayload, {
    description: 'Adds a skill requirement or changes its importance (editor key).',
  })
  async skillRequirementSet(
    @Arg('input', () => SkillRequirementSetInput) input: SkillRequirementSetInput,
    @Ctx() ctx: Context,
  ) {
    return writeTransaction(ctx, async (em) => {
      const key = await keyOf(em, input);
      const repo = em.getRepository(SkillRequirement);
      const current = await repo.findOne({ where: where(key) });
      const grade = {
        importance: input.importance,
        importanceBasis: input.basis ?? Basis.EDITORIAL,
        importanceRationale: input.rationale ?? current?.importanceRationale ?? null,
        requirementGroup:
          input.group === undefined ? (current?.requirementGroup ?? null) : input.group,
      };
      if (
        current &&
        current.importance === grade.importance &&
        current.importanceBasis === grade.importanceBasis &&
        current.importanceRationale === grade.importanceRationale &&
        current.requirementGroup === grade.requirementGroup
      ) {
        return { skillRequirement: current, changed: false };
      }
      if (current) await repo.update(current.id, grade);
      else await repo.insert({ ...key, ...grade });
      const written = await repo.findOne({ where: where(key) });
      const subject = `${input.role}${input.level ? `/${input.level}` : ''}>${input.skill}`;
      await audit(
        em,
        ctx,
        'skillRequirementSet',
        'SkillRequirement',
        subject,
        current
          ? {
              importance: current.importance,
              basis: current.importanceBasis,
              rationale: current.importanceRationale,
            }
          : null,
        {
          importance: grade.importance,
          basis: grade.importanceBasis,
          rationale: grade.importanceRationale,
        },
        ownerOf(input),
      );
      return { skillRequirement: written, changed: true };
    });
  }

  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => SkillRequirementPayload, {
    description:
      'Removes a skill requirement (editor key); removing one that is not there changes nothing.',
  })
  async skillRequirementRemove(
    @Arg('input', () => SkillRequirementKey) input: SkillRequirementKey,
    @Ctx() ctx: Context,
  ) {
    return writeTransaction(ctx, async (em) => {
      const key = await keyOf(em, input);
      const repo = em.getRepository(SkillRequirement);
      const current = await repo.findOne({ where: where(key) });
      if (!current) return { skillRequirement: null, changed: false };
      await repo.delete(current.id);
      const subject = `${input.role}${input.level ? `/${input.level}` : ''}>${input.skill}`;
      await audit(
        em,
        ctx,
        'skillRequirementRemove',
        'SkillRequirement',
        subject,
        { importance: current.importance },
        null,
        ownerOf(input),
      );
      const deletedId = compositeGlobalId(
        'SkillRequirement',
        ...[input.role, input.level, input.skill].filter((s): s is string => Boolean(s)),
      );
      return { skillRequirement: null, changed: true, deletedId };
    });
  }
}
