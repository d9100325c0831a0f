import { IsEnum, Matches } from 'class-validator';
import { InputProblems } from '../../core/input-problems';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  InputType,
  Mutation,
  ObjectType,
  registerEnumType,
  Resolver,
  UseMiddleware,
} from 'type-graphql';
import { UserError, UserErrors, UserErrorsField } from './user-errors';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { ApiRole } from '../../core/auth/api-key.entity';
import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { Node } from '../../core/relay';
import { Certification } from '../certifications/certification.entity';
import { Credential } from '../credentials/credential.entity';
import { Employer } from '../employers/employer.entity';
import { Sector } from '../employers/sector.entity';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { Insight } from '../guidance/insight.entity';
import { InternshipKind } from '../guidance/internship-kind.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Role } from '../roles/role.entity';
import { SalaryFactor } from '../salaries/salary-factor.entity';
import { Skill } from '../skills/skill.entity';
import { SLUG_PATTERN } from '../../core/rules';
import { audit, writeTransaction } from './curation.service';

/** The many-to-many relations editors can link and unlink, named owner_target. */
export enum Relation {
  CERTIFICATION_SKILL = 'CERTIFICATION_SKILL',
  CERTIFICATION_ROLE = 'CERTIFICATION_ROLE',
  CERTIFICATION_LEVEL = 'CERTIFICATION_LEVEL',
  CREDENTIAL_ROLE = 'CREDENTIAL_ROLE',
  EMPLOYER_SECTOR = 'EMPLOYER_SECTOR',
  EMPLOYER_ROLE = 'EMPLOYER_ROLE',
  ROLE_RELATED_ROLE = 'ROLE_RELATED_ROLE',
  INSIGHT_ROLE = 'INSIGHT_ROLE',
  INSIGHT_LEVEL = 'INSIGHT_LEVEL',
  INSIGHT_SKILL = 'INSIGHT_SKILL',
  INTERNSHIP_KIND_SECTOR = 'INTERNSHIP_KIND_SECTOR',
  INTERNSHIP_KIND_EMPLOYER = 'INTERNSHIP_KIND_EMPLOYER',
  ADVANCEMENT_PATH_ROLE = 'ADVANCEMENT_PATH_ROLE',
  SALARY_FACTOR_ROLE = 'SALARY_FACTOR_ROLE',
}
registerEnumType(Relation, {
  name: 'Relation',
  description: 'A link between two kinds of record, written owner_target.',
});

type Entity = { new (): ObjectLiteral; typeName: string };
const RELATIONS: Record<
  Relation,
  [table: string, ownerColumn: string, owner: Entity, targetColumn: string, target: Entity]
> = {
  CERTIFICATION_SKILL: [
    'certification_skills',
    'certification_id',
    Certification,
    'skill_id',
    Skill,
  ],
  CERTIFICATION_ROLE: ['certification_roles', 'certification_id', Certification, 'role_id', Role],
  CERTIFICATION_LEVEL: [
    'certification_levels',
    'certification_id',
    Certification,
    'level_id',
    RoleLevel,
  ],
  CREDENTIAL_ROLE: ['credential_roles', 'credential_id', Credential, 'role_id', Role],
  EMPLOYER_SECTOR: ['employer_sectors', 'employer_id', Employer, 'sector_id', Sector],
  EMPLOYER_ROLE: ['employer_roles', 'employer_id', Employer, 'role_id', Role],
  ROLE_RELATED_ROLE: ['role_relations', 'role_id', Role, 'related_role_id', Role],
  INSIGHT_ROLE: ['insight_roles', 'insight_id', Insight, 'role_id', Role],
  INSIGHT_LEVEL: ['insight_levels', 'insight_id', Insight, 'level_id', RoleLevel],
  INSIGHT_SKILL: ['insight_skills', 'insight_id', Insight, 'skill_id', Skill],
  INTERNSHIP_KIND_SECTOR: [
    'internship_kind_sectors',
    'internship_kind_id',
    InternshipKind,
    'sector_id',
    Sector,
  ],
  INTERNSHIP_KIND_EMPLOYER: [
    'internship_kind_employers',
    'internship_kind_id',
    InternshipKind,
    'employer_id',
    Employer,
  ],
  ADVANCEMENT_PATH_ROLE: [
    'advancement_path_roles',
    'advancement_path_id',
    AdvancementPath,
    'role_id',
    Role,
  ],
  SALARY_FACTOR_ROLE: ['salary_factor_roles', 'salary_factor_id', SalaryFactor, 'role_id', Role],
};

@InputType({ description: 'A link between two records, by their slugs.' })
class RelationInput {
  @Field(() => Relation) @IsEnum(Relation) relation: Relation;
  @Field({ description: 'Slug of the owner (the first kind in the relation name).' })
  @Matches(SLUG_PATTERN)
  from: string;
  @Field({ description: 'Slug of the target (the second kind).' })
  @Matches(SLUG_PATTERN)
  to: string;
}

@ObjectType({ description: 'The two records of a link, and whether the call changed anything.' })
class RelationPayload {
  @Field(() => Relation, { nullable: true }) relation: Relation;
  @Field(() => Node, { nullable: true }) from: Node;
  @Field(() => Node, { nullable: true }) to: Node;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'False when the link already was as asked (linking twice, unlinking what is not linked); null when userErrors says why nothing was done.',
  })
  changed: boolean;
  @UserErrorsField() userErrors?: UserError[];
}

async function ends(em: EntityManager, input: RelationInput) {
  const [, , owner, , target] = RELATIONS[input.relation];
  const problems = new InputProblems();
  const found = async (entity: Entity, slug: string, field: string) => {
    const row = await em.getRepository(entity).findOne({ where: { slug } });
    if (!row) throw badInput(field, `No ${entity.typeName} has slug "${slug}"`);
    return row;
  };
  const fromRow = await problems.run(() => found(owner, input.from, 'input.from'));
  const toRow = await problems.run(() => found(target, input.to, 'input.to'));
  problems.done(); // both were found, or it threw
  const [from, to] = [fromRow as ObjectLiteral, toRow as ObjectLiteral];
  if (from === to || (owner === target && from.id === to.id))
    throw badInput('input.to', 'A record cannot be linked to itself');
  return { from, to };
}

/** Link and unlink the many-to-many relations; both are idempotent. */
@Resolver()
export class RelationMutations {
  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => RelationPayload, {
    description: 'Links two records (editor key); linking twice changes nothing.',
  })
  relationLink(
    @Arg('input', () => RelationInput) input: RelationInput,
    @Ctx() ctx: Context,
  ): Promise<RelationPayload> {
    return this.write(ctx, input, true);
  }

  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => RelationPayload, {
    description: 'Unlinks two records (editor key); unlinking what is not linked changes nothing.',
  })
  relationUnlink(
    @Arg('input', () => RelationInput) input: RelationInput,
    @Ctx() ctx: Context,
  ): Promise<RelationPayload> {
    return this.write(ctx, input, false);
  }

  private async write(ctx: Context, input: RelationInput, link: boolean): Promise<RelationPayload> {
    const [table, ownerColumn, , targetColumn] = RELATIONS[input.relation];
    return writeTransaction(ctx, async (em) => {
      const { from, to } = await ends(em, input);
      const pair = { [ownerColumn]: from.id, [targetColumn]: to.id };
      const where = `${ownerColumn} = :o AND ${targetColumn} = :t`;
      const params = { o: from.id, t: to.id };
      const existing = await em
        .createQueryBuilder()
        .select('1', 'one')
        .from(table, 'l')
        .where(where, params)
        .getRawOne();
      const changed = link ? !existing : Boolean(existing);
      if (changed) {
        if (link) await em.createQueryBuilder().insert().into(table).values(pair).execute();
        else await em.createQueryBuilder().delete().from(table).where(where, params).execute();
        const action = link ? 'relationLink' : 'relationUnlink';
        const state = { relation: input.relation, from: input.from, to: input.to };
        // a link belongs to its owner's record (the file lists it there), which the API has now changed
        const owner = {
          kind: RELATIONS[input.relation][2].typeName,
          key: input.from,
          deleted: false,
        };
        await audit(
          em,
          ctx,
          action,
          input.relation,
          `${input.from}>${input.to}`,
          link ? null : state,
          link ? state : null,
          owner,
        );
      }
      return Object.assign(new RelationPayload(), { relation: input.relation, from, to, changed });
    });
  }
}
