import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { JobOutlook } from './job-outlook.entity';

@Resolver(() => JobOutlook)
export class JobOutlookResolver extends CitedResolver(JobOutlook, 'JobOutlook') {
  @FieldResolver(() => Role)
  role(@Root() outlook: JobOutlook, @Ctx() ctx: Context): MaybePromise<Role> {
    return ctx.loaders.load(byId(Role), outlook.roleId) as MaybePromise<Role>;
  }
}
