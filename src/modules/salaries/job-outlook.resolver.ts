import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { JobOutlook } from './job-outlook.entity';

@Resolver(() => JobOutlook)
export class JobOutlookResolver extends CitedResolver(JobOutlook, 'JobOutlook') {
  @FieldResolver(() => Role)
  async role(@Root() outlook: JobOutlook, @Ctx() ctx: Context): Promise<Role> {
    return (await ctx.loaders.use(byId(Role)).load(outlook.roleId)) as Role;
  }
}
