import { isISO8601, isURL } from 'class-validator';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  UseMiddleware,
} from 'type-graphql';
import { EntityManager } from 'typeorm';
import { ApiRole } from '../../core/auth/api-key.entity';
import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { audit, writeTransaction } from '../curation/curation.service';
import { UserError, UserErrorsField, userErrorsWith } from '../curation/user-errors';
import { Role } from '../roles/role.entity';
import { Source } from '../sources/source.entity';
import { codeFormatProblem, MatchType, occupationKey, OccupationSystem } from './occupation-codes';
import { Occupation } from './occupation.entity';
import { RoleOccupation } from './role-occupation.entity';

/** A mapping is listed in its code's record in occupations.yaml: an edit to it is a change to that record. */
const codeRecord = (system: string, code: string) => ({
  kind: 'Occupation',
  key: occupationKey(system, code),
  deleted: false,
});

@InputType({ description: 'Which code of which role.' })
class RoleOccupationKeyInput {
  @Field({ description: 'Role slug.' }) role: string;
  @Field(() => OccupationSystem) system: OccupationSystem;
  @Field({
    description:
      "The code, in its system's format (SOC 2018 NN-NNNN, O*NET-SOC NN-NNNN.NN, ISCO-08 NNNN, ESCO concept URI).",
  })
  code: string;
}

@InputType({
  description: 'A role mapped to an occupation code, with the page the code was read from.',
})
class RoleOccupationMapInput extends RoleOccupationKeyInput {
  @Field({ description: "The classification's title for the code." }) title: string;
  @Field({ description: 'Slug of the source record of the classification, such as soc-2018.' })
  classification: string;
  @Field({ description: 'The http(s) page the code was read from.' }) url: string;
  @Field({ description: 'The date that page was read, YYYY-MM-DD.' }) readOn: string;
  @Field(() => MatchType) match: MatchType;
  @Field(() => String, { nullable: true, description: 'Why this match type, in our words.' })
  note?: string | null;
}

@ObjectType({
  description: 'A mapping as it stands after the call, and whether the call changed anything.',
})
class RoleOccupationPayload {
  @Field(() => RoleOccupation, { nullable: true, description: 'Null after an unmap.' })
  mapping: RoleOccupation | null;
  @Field({
    description:
      'False when the mapping already was as asked, or when userErrors says why nothing was done.',
  })
  changed: boolean;
  @UserErrorsField() userErrors?: UserError[];
}

/** A refusal, when userErrors is selected: no mapping, nothing changed. */
const OccupationUserErrors = userErrorsWith({ mapping: null, changed: false });

async function keyOf(em: EntityManager, input: RoleOccupationKeyInput) {
  const code = input.code.trim();
  const problem = codeFormatProblem(input.system, code);
  if (problem) throw badInput('input.code', problem);
  const role = await em.getRepository(Role).findOne({ where: { slug: input.role } });
  if (!role) throw badInput('input.role', `No role has slug "${input.role}"`);
  const occupation = await em
    .getRepository(Occupation)
    .findOne({ where: { system: input.system, code } });
  return { code, role, occupation };
}

/** Map roles to occupation codes and unmap them; codes are checked against their system's format. */
@Resolver()
export class OccupationMutations {
  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(OccupationUserErrors)
  @Mutation(() => RoleOccupationPayload, {
    description:
      'Maps a role to an occupation code (editor key), adding the code or updating its title and page; a code whose format does not fit the system is BAD_USER_INPUT naming input.code.',
  })
  roleOccupationMap(
    @Arg('input', () => RoleOccupationMapInput) input: RoleOccupationMapInput,
    @Ctx() ctx: Context,
  ): Promise<RoleOccupationPayload> {
    return writeTransaction(ctx, async (em) => {
      const { code, role, occupation: existing } = await keyOf(em, input);
      if (!input.title.trim()) throw badInput('input.title', 'title must not be empty');
      if (!isURL(input.url, { require_protocol: true, protocols: ['http', 'https'] }))
        throw badInput(
          'input.url',
          `url must be the http(s) address of the page the code was read from, got "${input.url}"`,
        );
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.readOn) || !isISO8601(input.readOn, { strict: true }))
        throw badInput(
          'input.readOn',
          `readOn must be a date as YYYY-MM-DD, got "${input.readOn}"`,
        );
      const source = await em
        .getRepository(Source)
        .findOne({ where: { slug: input.classification } });
      if (!source)
        throw badInput('input.classification', `No source has slug "${input.classification}"`);

      const fields = {
        title: input.title.trim(),
        sourceId: source.id,
        url: input.url,
        readOn: input.readOn,
      };
      let occupation = existing;
      let changed = false;
      if (!occupation) {
        const inserted = await em
          .getRepository(Occupation)
          .insert({ system: input.system, code, ...fields });
        occupation = (await em
          .getRepository(Occupation)
          .findOneByOrFail({ id: inserted.identifiers[0].id })) as Occupation;
        changed = true;
      } else if (
        Object.entries(fields).some(
          ([k, v]) => (occupation as unknown as Record<string, unknown>)[k] !== v,
        )
      ) {
        await em.getRepository(Occupation).update(occupation.id, fields);
        changed = true;
      }
      const repo = em.getRepository(RoleOccupation);
      const before = await repo.findOne({
        where: { roleId: role.id, occupationId: occupation.id },
      });
      const wanted = { match: input.match, note: input.note?.trim() || null };
      if (!before) await repo.insert({ roleId: role.id, occupationId: occupation.id, ...wanted });
      else if (before.match !== wanted.match || before.note !== wanted.note)
        await repo.update(before.id, wanted);
      changed ||= !before || before.match !== wanted.match || before.note !== wanted.note;
      if (changed) {
        const state = (m: { match: string; note: string | null } | null) =>
          m && { role: role.slug, system: input.system, code, match: m.match, note: m.note };
        await audit(
          em,
          ctx,
          'roleOccupationMap',
          'RoleOccupation',
          `${role.slug}>${input.system} ${code}`,
          state(before),
          state(wanted),
          codeRecord(input.system, code),
        );
      }
      const mapping = await repo.findOneOrFail({
        where: { roleId: role.id, occupationId: occupation.id },
      });
      return Object.assign(new RoleOccupationPayload(), { mapping, changed });
    });
  }

  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(OccupationUserErrors)
  @Mutation(() => RoleOccupationPayload, {
    description: "Removes a role's mapping to a code (editor key); the code itself stays.",
  })
  roleOccupationUnmap(
    @Arg('input', () => RoleOccupationKeyInput) input: RoleOccupationKeyInput,
    @Ctx() ctx: Context,
  ): Promise<RoleOccupationPayload> {
    return writeTransaction(ctx, async (em) => {
      const { code, role, occupation } = await keyOf(em, input);
      const repo = em.getRepository(RoleOccupation);
      const before =
        occupation &&
        (await repo.findOne({ where: { roleId: role.id, occupationId: occupation.id } }));
      if (before) {
        await repo.delete(before.id);
        await audit(
          em,
          ctx,
          'roleOccupationUnmap',
          'RoleOccupation',
          `${role.slug}>${input.system} ${code}`,
          { role: role.slug, system: input.system, code, match: before.match, note: before.note },
          null,
          codeRecord(input.system, code),
        );
      }
      return Object.assign(new RoleOccupationPayload(), {
        mapping: null,
        changed: Boolean(before),
      });
    });
  }
}
