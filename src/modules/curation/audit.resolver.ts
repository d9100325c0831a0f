import {
  Args,
  Authorized,
  Ctx,
  Field,
  ObjectType,
  Query,
  Resolver,
  Arg,
  InputType,
} from 'type-graphql';
import { ApiRole } from '../../core/auth/api-key.entity';
import { Context } from '../../core/context';
import { answeredPerCaller } from '../../core/http-cache';
import { PageArgs } from '../../core/page-args';
import { Connection, ConnectionType, connectionFromSlice, pageWindow } from '../../core/relay';
import { AuditEntry } from './audit-entry.entity';

const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');

// who the key is: an answer without one (null) must not be served to a request with one
answeredPerCaller('viewer');

@InputType({ description: 'Narrows the audit log.' })
class AuditFilter {
  @Field(() => String, { nullable: true, description: 'A record type, such as Skill.' })
  subjectType?: string | null;
  @Field(() => String, { nullable: true, description: "A record's slug (or from>to)." })
  subjectKey?: string | null;
  @Field(() => String, { nullable: true, description: 'The name of the key that wrote.' }) actor?:
    string | null;
}

@ObjectType({ description: 'The API key a request carries.' })
class Viewer {
  @Field() name: string;
  @Field({ description: 'reader, editor or admin.' }) role: string;
  @Field({ description: "The key's public prefix." }) prefix: string;
}

@Resolver()
export class AuditResolver {
  @Authorized(ApiRole.ADMIN)
  @Query(() => AuditEntryConnection, {
    description: 'Every accepted write, newest first (admin key).',
  })
  async auditLog(
    @Args({ validate: false }) page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<AuditEntry>> {
    const { offset, limit } = pageWindow(page);
    const where = Object.fromEntries(Object.entries(filter ?? {}).filter(([, v]) => v != null));
    const [rows, total] = await ctx.db
      .getRepository(AuditEntry)
      .findAndCount({ where, order: { id: 'DESC' }, skip: offset, take: limit });
    return connectionFromSlice(rows, offset, total);
  }

  @Query(() => Viewer, {
    nullable: true,
    description: 'The API key this request carries, or null without one.',
  })
  viewer(@Ctx() ctx: Context): Viewer | null {
    return ctx.auth
      ? Object.assign(new Viewer(), {
          name: ctx.auth.name,
          role: ctx.auth.role,
          prefix: ctx.auth.prefix,
        })
      : null;
  }
}
