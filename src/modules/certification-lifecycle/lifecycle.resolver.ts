import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byColumn, byId, MaybePromise } from '../../core/loaders';
import { Certification } from '../certifications/certification.entity';
import { CertificationLifecycle, CertificationStatus } from './lifecycle.entity';
import { effectiveStatus, recommendation } from './lifecycle.service';

const lifecycleOf = byColumn<CertificationLifecycle, number>(
  CertificationLifecycle,
  'certificationId',
);

@Resolver(() => Certification)
export class CertificationLifecycleResolver {
  @FieldResolver(() => CertificationLifecycle, {
    nullable: true,
    description:
      'Exam codes, validity, renewal, status and successor, each cited; null when not yet researched.',
  })
  lifecycle(
    @Root() certification: Certification,
    @Ctx() ctx: Context,
  ): MaybePromise<CertificationLifecycle | null> {
    return ctx.loaders.load(lifecycleOf, certification.id);
  }

  @FieldResolver(() => CertificationStatus, {
    nullable: true,
    description:
      'Whether it can still be earned (RETIRING turns RETIRED once its date has passed); null when not researched.',
  })
  async status(
    @Root() certification: Certification,
    @Ctx() ctx: Context,
  ): Promise<CertificationStatus | null> {
    const lifecycle = await ctx.loaders.load(lifecycleOf, certification.id);
    return lifecycle ? effectiveStatus(lifecycle) : null;
  }

  @FieldResolver(() => [String], {
    description: 'The exam codes that earn it (empty when not researched).',
  })
  async examCodes(@Root() certification: Certification, @Ctx() ctx: Context): Promise<string[]> {
    return (await ctx.loaders.load(lifecycleOf, certification.id))?.examCodes ?? [];
  }

  @FieldResolver(() => Certification, {
    nullable: true,
    description: 'What the issuer offers in its place, when it is retired or retiring.',
  })
  async successor(
    @Root() certification: Certification,
    @Ctx() ctx: Context,
  ): Promise<Certification | null> {
    const lifecycle = await ctx.loaders.load(lifecycleOf, certification.id);
    return lifecycle?.successorId == null
      ? null
      : ctx.loaders.load(byId(Certification), lifecycle.successorId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "What to book, in words: for a retired or retiring certification, its successor and the successor's exam codes; null when not researched.",
  })
  async recommendation(
    @Root() certification: Certification,
    @Ctx() ctx: Context,
  ): Promise<string | null> {
    return recommendation(ctx, certification);
  }
}
