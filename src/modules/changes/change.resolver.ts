import {
  Arg,
  Ctx,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { MoreThan } from 'typeorm';
import { Context } from '../../core/context';
import { onPrimary } from '../../core/data-source';
import { badInput } from '../../core/errors';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, PageInfo } from '../../core/relay';
import { ChangeRecord, ChangeType } from './change.entity';
import { nodeIdOf } from './change-feed';

registerEnumType(ChangeType, { name: 'ChangeType', description: 'What happened to a record.' });

@ObjectType({
  description: 'One record created, updated or deleted at a graph version. Names no editor.',
})
export class Change {
  @Field(() => ID, {
    nullable: true,
    description:
      'The id node(id:) takes for the record; null for a kind that is not a node (such as Occupation).',
  })
  nodeId: string | null;

  @Field({ description: 'The record type, such as Role, Skill or CareerTransition.' }) kind: string;

  @Field({
    description:
      "The record's natural key: its slug, from>to for a transition, system and code for an occupation.",
  })
  key: string;

  @Field(() => ChangeType) change: ChangeType;

  @Field(() => Int, { description: 'The graph version the change is part of.' }) version: number;

  @Field(() => GraphQLISODateTime, { description: 'When the change was committed.' }) at: Date;
}

@ObjectType()
class ChangeEdge {
  @Field() cursor: string;
  @Field(() => Change) node: Change;
}

@ObjectType({ description: 'A page of the change feed, oldest change first.' })
export class ChangeConnection {
  @Field(() => [ChangeEdge]) edges: ChangeEdge[];
  @Field(() => [Change]) nodes: Change[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, {
    description:
      'The graph version this answer was read at: ask for changes after it next time, once hasNextPage is false.',
  })
  graphVersion: number;
}

const CURSOR_PREFIX = 'change:v1:';
const encode = (id: number) => Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');

/** Where `after` starts the page: a graph version (digits) or an edge's cursor. */
function startOf(after: string | null | undefined): { version: number } | { id: number } {
  if (after == null || after === '') return { version: 0 };
  if (/^\d{1,9}$/.test(after)) return { version: Number(after) };
  const text = /^[A-Za-z0-9_-]+$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
  const match = /^change:v1:(\d{1,9})$/.exec(text);
  if (!match)
    throw badInput(
      'after',
      '"after" must be a graph version (such as "42") or a cursor from changes',
    );
  return { id: Number(match[1]) };
}

@Resolver()
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'What changed in the graph, oldest first: each record created, updated or deleted, with the graph version and time. `after` is a graph version (every response carries the current one in extensions.graphVersion) or an edge cursor; `first` is 1 to 100 (default 20). Readable without a key; names no editor.',
  })
  async changes(
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<ChangeConnection> {
    const limit = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw badInput('first', `"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`);
    }
    const start = startOf(after);
    // the version is fixed before the feed is read, so nothing it reports is missing from the page
    const graphVersion = await ctx.loaders.graphVersion();
    const where =
      'id' in start ? { id: MoreThan(start.id) } : { graphVersion: MoreThan(start.version) };
    // on the primary: a read replica behind the version fixed above would leave out changes the
    // integrator then never asks for again
    const rows = await onPrimary(ctx.db, (m) =>
      m.getRepository(ChangeRecord).find({ where, order: { id: 'ASC' }, take: limit + 1 }),
    );
    // a change committed after the version was fixed waits for the next page
    const page = rows.slice(0, limit).filter((r) => r.graphVersion <= graphVersion);
    const edges = page.map((r) => ({
      cursor: encode(r.id),
      node: Object.assign(new Change(), {
        nodeId: nodeIdOf(r.kind, r.recordKey),
        kind: r.kind,
        key: r.recordKey,
        change: r.change,
        version: r.graphVersion,
        at: r.at,
      }),
    }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage:
          page.length === limit && rows.length > limit && rows[limit].graphVersion <= graphVersion,
        hasPreviousPage: !('version' in start && start.version === 0),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      graphVersion,
    };
  }
}
