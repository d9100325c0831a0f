import { Arg, Authorized, ClassType, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { InputProblems } from '../../core/input-problems';
import { ObjectLiteral } from 'typeorm';
import { ApiRole } from '../../core/auth/api-key.entity';
import { Context } from '../../core/context';
import { toGlobalId } from '../../core/relay';
import { conflict, notFound } from './curation.errors';
import {
  afterWrite,
  audit,
  checkRules,
  requireSomeChange,
  citedCascade,
  columnsFrom,
  referencedConflict,
  snapshot,
  replaceCitations,
  checkProvenanceCites,
  checkCites,
  writeTransaction,
} from './curation.service';
import { DeletePayload } from './delete.payload';
import { SLUG_VALIDATORS } from './fields';
import { inputClass, payloadClass, SLUG_SELECTOR, updateInputClass } from './input-factory';
import { KindSpec } from './kinds';
import { UserErrors } from './user-errors';

const camel = (name: string) => name[0].toLowerCase() + name.slice(1);

type Input = Record<string, unknown> & {
  slug: string;
  version?: number;
  cite?: { source: string; section: string }[];
};

/** Builds the create, update and delete mutations of one slugged kind. */
export function kindResolver(spec: KindSpec): ClassType {
  const field = camel(spec.name);
  const citeMode = spec.cited ? (spec.citeRequired ? 'required' : 'optional') : 'none';
  const CreateInput = inputClass(`${spec.name}CreateInput`, `A new ${spec.name}.`, spec.fields, {
    selector: { slug: SLUG_VALIDATORS },
    version: false,
    allOptional: false,
    cite: citeMode,
  });
  const Changes = inputClass(`${spec.name}Changes`, `Changes to a ${spec.name}.`, spec.fields, {
    selector: {},
    version: false,
    allOptional: true,
    cite: spec.cited ? 'optional' : 'none',
  });
  const UpdateInput = updateInputClass(`${spec.name}UpdateInput`, Changes, SLUG_SELECTOR);
  const DeleteInput = inputClass(
    `${spec.name}DeleteInput`,
    `Which ${spec.name} to delete, and the version read.`,
    {},
    {
      selector: SLUG_SELECTOR,
      version: true,
      allOptional: true,
      cite: 'none',
    },
  );
  const Payload = payloadClass(`${spec.name}Payload`, field, spec.entity as ClassType);

  @Resolver()
  class KindMutations {
    @Authorized(ApiRole.EDITOR)
    @UseMiddleware(UserErrors)
    @Mutation(() => Payload, {
      name: `${field}Create`,
      description: `Creates a ${spec.name} (editor key). A taken slug is CONFLICT.`,
    })
    async create(
      @Arg('input', () => CreateInput) input: Input,
      @Ctx() ctx: Context,
    ): Promise<ObjectLiteral> {
      const record = await writeTransaction(ctx, async (em) => {
        const repo = em.getRepository(spec.entity);
        if (await repo.findOne({ where: { slug: input.slug } })) {
          throw conflict('input.slug', `A ${spec.name} with slug "${input.slug}" already exists`);
        }
        // every bad reference (fields, provenance, citations) reported at once
        const problems = new InputProblems();
        const row = await problems.run(() => columnsFrom(em, spec.fields, input, 'input', true));
        if (row) await problems.run(() => checkProvenanceCites(em, row, 'input'));
        const cites = spec.cited
          ? await problems.run(() => checkCites(em, input.cite ?? [], 'input'))
          : undefined;
        problems.done(); // row and cites are there, or it threw
        await checkRules(em, spec.name, row!, null, 'input', input.cite ?? []);
        const { identifiers } = await repo.insert({
          ...row,
          slug: input.slug,
          version: 1,
        } as never);
        const id = identifiers[0].id as number;
        if (spec.cited) await replaceCitations(em, spec.cited, id, cites!);
        const created = (await repo.findOne({ where: { id } })) as ObjectLiteral;
        await audit(
          em,
          ctx,
          `${field}Create`,
          spec.name,
          input.slug,
          null,
          await snapshot(em, created, spec.cited),
        );
        await afterWrite(em, { deleted: false });
        return created;
      });
      return { [field]: record };
    }

    @Authorized(ApiRole.EDITOR)
    @UseMiddleware(UserErrors)
    @Mutation(() => Payload, {
      name: `${field}Update`,
      description: `Changes a ${spec.name} (editor key). Unknown slug: NOT_FOUND; a version other than the stored one: CONFLICT.`,
    })
    async update(
      @Arg('input', () => UpdateInput) input: Input & { changes: Input },
      @Ctx() ctx: Context,
    ): Promise<ObjectLiteral> {
      requireSomeChange(input.changes);
      const record = await writeTransaction(ctx, async (em) => {
        const repo = em.getRepository(spec.entity);
        const current = await repo.findOne({ where: { slug: input.slug } });
        if (!current) throw notFound('input.slug', `No ${spec.name} has slug "${input.slug}"`);
        if (current.version !== input.version) {
          throw conflict(
            'input.version',
            `${spec.name} "${input.slug}" is at version ${current.version}, not ${input.version}: someone changed it since you read it`,
          );
        }
        const before = await snapshot(em, current, spec.cited);
        const problems = new InputProblems();
        const row = await problems.run(() =>
          columnsFrom(em, spec.fields, input.changes, 'input.changes'),
        );
        if (row) await problems.run(() => checkProvenanceCites(em, row, 'input.changes'));
        const changedCite = spec.cited ? input.changes.cite : undefined;
        const cites = changedCite
          ? await problems.run(() => checkCites(em, changedCite, 'input.changes'))
          : undefined;
        problems.done(); // row (and cites, when changed) are there, or it threw
        await checkRules(
          em,
          spec.name,
          { ...current, ...row },
          current.id,
          'input.changes',
          input.changes.cite ?? undefined,
        );
        const result = await em
          .createQueryBuilder()
          .update(spec.entity)
          .set({ ...row, version: () => 'version + 1' } as never)
          .where('id = :id AND version = :version', { id: current.id, version: input.version })
          .execute();
        if (result.affected === 0)
          throw conflict(
            'input.version',
            `${spec.name} "${input.slug}" changed while you were writing`,
          );
        if (spec.cited && cites) await replaceCitations(em, spec.cited, current.id, cites);
        const updated = (await repo.findOne({ where: { id: current.id } })) as ObjectLiteral;
        await audit(
          em,
          ctx,
          `${field}Update`,
          spec.name,
          input.slug,
          before,
          await snapshot(em, updated, spec.cited),
        );
        await afterWrite(em, { deleted: false });
        return updated;
      });
      return { [field]: record };
    }

    @Authorized(ApiRole.EDITOR)
    @UseMiddleware(UserErrors)
    @Mutation(() => DeletePayload, {
      name: `${field}Delete`,
      description: `Deletes a ${spec.name} and what it owns (editor key). A stale version, or a record others still point to: CONFLICT.`,
    })
    async delete(
      @Arg('input', () => DeleteInput) input: Input,
      @Ctx() ctx: Context,
    ): Promise<DeletePayload> {
      await writeTransaction(ctx, async (em) => {
        const repo = em.getRepository(spec.entity);
        const current = await repo.findOne({ where: { slug: input.slug } });
        if (!current) throw notFound('input.slug', `No ${spec.name} has slug "${input.slug}"`);
        if (current.version !== input.version) {
          throw conflict(
            'input.version',
            `${spec.name} "${input.slug}" is at version ${current.version}, not ${input.version}`,
          );
        }
        const before = await snapshot(em, current, spec.cited);
        const cascade = await citedCascade(em, spec.entity, current.id);
        await repo
          .delete({ id: current.id } as never)
          .catch((err) => referencedConflict(err, `${spec.name} "${input.slug}"`));
        await audit(em, ctx, `${field}Delete`, spec.name, input.slug, before, null);
        await afterWrite(em, { deleted: cascade });
      });
      return Object.assign(new DeletePayload(), {
        deletedId: toGlobalId(spec.name, input.slug),
        key: input.slug,
      });
    }
  }
  Object.defineProperty(KindMutations, 'name', { value: `${spec.name}Mutations` });
  return KindMutations;
}
