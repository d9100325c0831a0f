import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Mutation,
  ObjectType,
  Resolver,
  UseMiddleware,
} from 'type-graphql';
import { InputProblems } from '../../core/input-problems';
import { UserError, UserErrors, UserErrorsField } from './user-errors';
import { EntityManager } from 'typeorm';
import { ApiRole } from '../../core/auth/api-key.entity';
import { Basis } from '../../core/basis';
import { badInput } from '../../core/errors';
import { Context } from '../../core/context';
import { compositeGlobalId } from '../../core/relay';
import { CareerTransition } from '../paths/career-transition.entity';
import { conflict, notFound } from './curation.errors';
import {
  afterWrite,
  requireSomeChange,
  audit,
  citedCascade,
  columnsFrom,
  idOf,
  snapshot,
  writeCitations,
  writeTransaction,
} from './curation.service';
import { DeletePayload } from './delete.payload';
import { SLUG_VALIDATORS } from './fields';
import { inputClass, updateInputClass } from './input-factory';
import { TRANSITION_FIELDS, TRANSITION_SKILLS_VALIDATORS } from './kinds';

const ENDS = { from: SLUG_VALIDATORS, to: SLUG_VALIDATORS };
const fieldsWithSkills = {
  ...TRANSITION_FIELDS,
  skillsToGain: {
    type: () => [String],
    required: false,
    validators: TRANSITION_SKILLS_VALIDATORS,
    store: { column: '' },
    description: 'Skill slugs to build before the move (replaces the list).',
  },
};
const { skillsToGain: _skills, ...columnFields } = fieldsWithSkills;

const CreateInput = inputClass(
  'CareerTransitionCreateInput',
  'A new move between two role levels.',
  fieldsWithSkills,
  {
    selector: ENDS,
    version: false,
    allOptional: false,
    cite: 'required',
  },
);
const Changes = inputClass('CareerTransitionChanges', 'Changes to a move.', fieldsWithSkills, {
  selector: {},
  version: false,
  allOptional: true,
  cite: 'optional',
});
const UpdateInput = updateInputClass('CareerTransitionUpdateInput', Changes, ENDS);
const DeleteInput = inputClass(
  'CareerTransitionDeleteInput',
  'Which move to delete, and the version read.',
  {},
  {
    selector: ENDS,
    version: true,
    allOptional: true,
    cite: 'none',
  },
);

@ObjectType()
class CareerTransitionPayload {
  @Field(() => CareerTransition, {
    nullable: true,
    description: 'The move as written; null when userErrors says why nothing was.',
  })
  careerTransition: CareerTransition;
  @UserErrorsField() userErrors?: UserError[];
}

type Ends = { from: string; to: string };
type Body = Record<string, unknown> & {
  skillsToGain?: string[] | null;
  cite?: { source: string; section: string }[] | null;
};

async function endsOf(em: EntityManager, input: Ends) {
  const problems = new InputProblems();
  const from = await problems.run(() => idOf(em, 'RoleLevel', input.from, 'input.from'));
  const to = await problems.run(() => idOf(em, 'RoleLevel', input.to, 'input.to'));
  problems.done();
  return { from: from as number, to: to as number };
}

async function writeSkills(em: EntityManager, transitionId: number, slugs: string[], path: string) {
  const ids = [];
  for (const [i, slug] of slugs.entries())
    ids.push(await idOf(em, 'Skill', slug, `${path}.skillsToGain[${i}]`));
  await em
    .createQueryBuilder()
    .delete()
    .from('transition_skills')
    .where('transition_id = :t', { t: transitionId })
    .execute();
  const unique = [...new Set(ids)];
  if (unique.length) {
    await em
      .createQueryBuilder()
      .insert()
      .into('transition_skills')
      .values(unique.map((s) => ({ transition_id: transitionId, skill_id: s })))
      .execute();
  }
}

/**
 * A move's starting level is STATED (a cited span names it) or EDITORIAL (a curator's choice,
 * with startRationale); `current` is the stored move an update starts from.
 */
function checkStart(
  row: Record<string, unknown>,
  current: Pick<CareerTransition, 'startBasis' | 'startRationale'> | null,
  path: string,
) {
  if (row.startBasis === null) throw badInput(`${path}.startBasis`, 'startBasis cannot be cleared');
  if (row.startBasis === Basis.DERIVED)
    throw badInput(
      `${path}.startBasis`,
      "A starting level is STATED (a cited span names it) or EDITORIAL (a curator's choice), never DERIVED",
    );
  const basis = (row.startBasis as Basis | undefined) ?? current?.startBasis ?? Basis.STATED;
  const rationale = (
    row.startRationale !== undefined ? row.startRationale : current?.startRationale
  ) as string | null | undefined;
  if (basis === Basis.EDITORIAL && !rationale?.trim())
    throw badInput(
      `${path}.startRationale`,
      'An EDITORIAL starting level needs a startRationale saying why a curator chose it',
    );
}

/** Create, update and delete career transitions, selected by their two level slugs. */
@Resolver()
export class CareerTransitionMutations {
  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => CareerTransitionPayload, {
    description:
      'Creates a move between two levels (editor key). An existing move between them is CONFLICT.',
  })
  async careerTransitionCreate(
    @Arg('input', () => CreateInput) input: Ends & Body,
    @Ctx() ctx: Context,
  ): Promise<CareerTransitionPayload> {
    const careerTransition = await writeTransaction(ctx, async (em) => {
      const ends = await endsOf(em, input);
      if (ends.from === ends.to)
        throw conflict('input.to', 'A move cannot lead to the level it starts from');
      const repo = em.getRepository(CareerTransition);
      if (await repo.findOne({ where: { fromLevelId: ends.from, toLevelId: ends.to } })) {
        throw conflict('input', `A move from "${input.from}" to "${input.to}" already exists`);
      }
      const row = await columnsFrom(em, columnFields, input, 'input', true);
      checkStart(row, null, 'input');
      const { identifiers } = await repo.insert({
        ...row,
        fromLevelId: ends.from,
        toLevelId: ends.to,
        version: 1,
      } as never);
      const id = identifiers[0].id as number;
      await writeSkills(em, id, input.skillsToGain ?? [], 'input');
      await writeCitations(em, 'CareerTransition', id, input.cite ?? [], 'input');
      const created = (await repo.findOne({ where: { id } })) as CareerTransition;
      await audit(
        em,
        ctx,
        'careerTransitionCreate',
        'CareerTransition',
        `${input.from}>${input.to}`,
        null,
        await snapshot(em, created, 'CareerTransition'),
      );
      await afterWrite(em, { deleted: false });
      return created;
    });
    return { careerTransition };
  }

  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => CareerTransitionPayload, {
    description: 'Changes a move (editor key). Unknown move: NOT_FOUND; stale version: CONFLICT.',
  })
  async careerTransitionUpdate(
    @Arg('input', () => UpdateInput) input: Ends & { version: number; changes: Body },
    @Ctx() ctx: Context,
  ): Promise<CareerTransitionPayload> {
    requireSomeChange(input.changes);
    const careerTransition = await writeTransaction(ctx, async (em) => {
      const current = await this.find(em, input);
      const before = await snapshot(em, current, 'CareerTransition');
      const row = await columnsFrom(em, columnFields, input.changes, 'input.changes');
      checkStart(row, current, 'input.changes');
      const result = await em
        .createQueryBuilder()
        .update(CareerTransition)
        .set({ ...row, version: () => 'version + 1' } as never)
        .where('id = :id AND version = :version', { id: current.id, version: input.version })
        .execute();
      if (result.affected === 0)
        throw conflict('input.version', 'The move changed while you were writing');
      if (input.changes.skillsToGain)
        await writeSkills(em, current.id, input.changes.skillsToGain, 'input.changes');
      if (input.changes.cite)
        await writeCitations(
          em,
          'CareerTransition',
          current.id,
          input.changes.cite,
          'input.changes',
        );
      const updated = (await em
        .getRepository(CareerTransition)
        .findOne({ where: { id: current.id } })) as CareerTransition;
      await audit(
        em,
        ctx,
        'careerTransitionUpdate',
        'CareerTransition',
        `${input.from}>${input.to}`,
        before,
        await snapshot(em, updated, 'CareerTransition'),
      );
      await afterWrite(em, { deleted: false });
      return updated;
    });
    return { careerTransition };
  }

  @Authorized(ApiRole.EDITOR)
  @UseMiddleware(UserErrors)
  @Mutation(() => DeletePayload, {
    description: 'Deletes a move (editor key). Stale version: CONFLICT.',
  })
  async careerTransitionDelete(
    @Arg('input', () => DeleteInput) input: Ends & { version: number },
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await writeTransaction(ctx, async (em) => {
      const current = await this.find(em, input);
      const before = await snapshot(em, current, 'CareerTransition');
      const cascade = await citedCascade(em, CareerTransition, current.id);
      await em.getRepository(CareerTransition).delete({ id: current.id });
      await audit(
        em,
        ctx,
        'careerTransitionDelete',
        'CareerTransition',
        `${input.from}>${input.to}`,
        before,
        null,
      );
      await afterWrite(em, { deleted: cascade });
    });
    return Object.assign(new DeletePayload(), {
      deletedId: compositeGlobalId('CareerTransition', input.from, input.to),
      key: `${input.from}>${input.to}`,
    });
  }

  private async find(
    em: EntityManager,
    input: Ends & { version: number },
  ): Promise<CareerTransition> {
    const ends = await endsOf(em, input);
    const current = await em
      .getRepository(CareerTransition)
      .findOne({ where: { fromLevelId: ends.from, toLevelId: ends.to } });
    if (!current) throw notFound('input', `No move from "${input.from}" to "${input.to}"`);
    if (current.version !== input.version) {
      throw conflict(
        'input.version',
        `The move is at version ${current.version}, not ${input.version}: someone changed it since you read it`,
      );
    }
    return current;
  }
}
