import { AuthCheckerInterface, ResolverData } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { Context } from '../context';
import { ErrorCode } from '../errors';
import { ApiRole, ROLE_RANK } from './api-key.entity';

/**
 * `@Authorized(role)` guard: no key is UNAUTHENTICATED, a key below the role is FORBIDDEN.
 * Roles are ordered: an admin may do what an editor may, an editor what a reader may.
 */
export class RoleAuthChecker implements AuthCheckerInterface<Context, ApiRole> {
  check({ context }: ResolverData<Context>, roles: ApiRole[]): boolean {
    if (!context.auth) {
      throw new GraphQLError('This operation needs an API key: send Authorization: Bearer <key>', {
        extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
      });
    }
    const needed = Math.min(...roles.map((r) => ROLE_RANK[r]));
    if (ROLE_RANK[context.auth.role] < needed) {
      throw new GraphQLError(
        `This operation needs a key with the ${roles.join(' or ')} role; yours is ${context.auth.role}`,
        {
          extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
        },
      );
    }
    return true;
  }
}
