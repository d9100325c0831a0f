import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Context } from '../../core/context';
import { Role } from '../roles/role.entity';
import { roleJsonLd } from './role-json-ld';

@Resolver(() => Role)
export class RoleJsonLdResolver {
  @FieldResolver(() => GraphQLJSON, {
    description:
      'The role as schema.org Occupation JSON-LD (occupational codes, published pay distributions and guide bands, skills, qualifications, experience), ready to put in a page; also served as GET /roles/{slug}.jsonld.',
  })
  jsonLd(@Root() role: Role, @Ctx() ctx: Context): Promise<Record<string, unknown>> {
    return roleJsonLd(ctx, role);
  }
}
