import { Field, ID, InterfaceType, ObjectType, ClassType, Int } from 'type-graphql';
import { GraphQLSchema, isInterfaceType } from 'graphql';
import { badInput } from './errors';

/** Encodes a node's type and its slug into an opaque, URL-safe global id. */
export function toGlobalId(type: string, slug: string): string {
  return Buffer.from(`${type}:${slug}`, 'utf8').toString('base64url');
}

/**
 * The id of a record keyed by other records' slugs rather than its own (a transition by its two
 * levels, a requirement by role, level and skill): the slugs joined by "/", in the given order.
 */
export const compositeGlobalId = (type: string, ...slugs: string[]): string =>
  toGlobalId(type, slugs.join('/'));

/** Decodes a global id (a composite one's slug holds its parts joined by "/"); null for anything that is not one of ours. */
export function fromGlobalId(id: string): { type: string; slug: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const match =
    /^([A-Z][A-Za-z]+):([a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*){0,2})$/.exec(text);
  return match ? { type: match[1], slug: match[2] } : null;
}

/** Every entity that is a Relay node names its GraphQL type and has a slug. */
export interface NodeEntity {
  slug: string;
}

// No resolveType: type-graphql's own resolves by class, synchronously, where one given here
// would be wrapped in an async function that graphql-jit cannot await.
@InterfaceType({ description: 'An object with a globally unique, opaque ID.' })
export abstract class Node {
  @Field(() => ID, {
    name: 'id',
    description: 'Opaque global id; stable across reloads of the same data.',
  })
  get globalId(): string {
    let id = globalIds.get(this);
    if (id === undefined) {
      const type = (this.constructor as unknown as { typeName: string }).typeName;
      id = toGlobalId(type, (this as unknown as NodeEntity).slug);
      if (Object.isFrozen(this)) globalIds.set(this, id);
    }
    return id;
  }
}

/**
 * Ids of the graph tables' rows, worked out once per row: the rows are frozen and kept for their
 * graph version (src/core/graph-tables.ts), so an id cannot go stale, and encoding one (a Buffer
 * and base64url) costs a microsecond, ten of them a search's hits. Weak: gone with the rows.
 */
const globalIds = new WeakMap<object, string>();

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const CURSOR_PREFIX = 'cursor:v1:';

/**
 * The cursors of the first offsets, encoded once: every page of every connection hands out one
 * per edge. A pure function of a small integer, so the table holds at most CURSOR_TABLE strings.
 */
const CURSOR_TABLE = 4096;
const cursors: string[] = [];
/** The same table the other way round, so a cursor handed back is read without decoding it. */
const offsetsOfCursors = new Map<string, number>();

export function encodeCursor(offset: number): string {
  if (!Number.isInteger(offset) || offset < 0 || offset >= CURSOR_TABLE)
    return encodeCursorText(offset);
  let cursor = cursors[offset];
  if (cursor === undefined) {
    cursor = cursors[offset] = encodeCursorText(offset);
    offsetsOfCursors.set(cursor, offset);
  }
  return cursor;
}

const encodeCursorText = (offset: number) =>
  Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');

/** The offset after which the page starts; a cursor we did not issue is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, argument = 'after'): number {
  const issued = offsetsOfCursors.get(cursor);
  if (issued !== undefined) return issued;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const match = /^cursor:v1:(\d{1,9})$/.exec(text);
  if (!match) throw badInput(argument, `"${argument}" is not a cursor this API issued`);
  return Number(match[1]);
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Checks `first` and `after` and turns them into an offset window. */
export function pageWindow(args: PageArgs): { offset: number; limit: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A page of an already ordered list (the lists we page are small once batched per parent). */
export function connectionFromArray<T>(items: readonly T[], args: PageArgs): Connection<T> {
  const { offset, limit } = pageWindow(args);
  return connectionFromSlice(items.slice(offset, offset + limit), offset, items.length);
}

/**
 * `connectionFromArray` of a list that may still be coming: at once when it is there (from the
 * in-memory graph, most calls), checked here rather than through `then()`, whose callbacks,
 * shared by every caller, make it megamorphic.
 */
export function connectionOfList<T>(
  items: readonly T[] | Promise<readonly T[]>,
  args: PageArgs,
): Connection<T> | Promise<Connection<T>> {
  return items instanceof Promise
    ? items.then((all) => connectionFromArray(all, args))
    : connectionFromArray(items, args);
}

/** A connection from one page already fetched at `offset` out of `totalCount`. */
export function connectionFromSlice<T>(
  page: readonly T[],
  offset: number,
  totalCount: number,
): Connection<T> {
  const edges = page.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount,
    pageInfo: {
      hasNextPage: offset + page.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Builds the `XEdge` and `XConnection` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [nodeType]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return ConnectionClass;
}

/**
 * Has every interface (Node and the others) resolve an object's type once per prototype rather
 * than once per object: type-graphql's own resolveType tries `instanceof` against each class
 * that implements the interface, in turn, for every object it is asked about, and its answer
 * depends only on the object's prototype chain. Objects without a prototype go to it every time.
 * The table is bounded by the classes the program declares.
 *
 * Checked against: type-graphql 2.0.0-rc.4
 */
export function resolveTypesByPrototype(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type) || !type.resolveType) continue;
    const byClass = type.resolveType;
    const names = new Map<object, ReturnType<typeof byClass>>();
    type.resolveType = (value, context, info, abstractType) => {
      const proto =
        value === null || typeof value !== 'object' ? null : Object.getPrototypeOf(value);
      if (proto === null) return byClass(value, context, info, abstractType);
      let name = names.get(proto);
      if (name === undefined) {
        name = byClass(value, context, info, abstractType);
        if (typeof name === 'string') names.set(proto, name);
      }
      return name;
    };
  }
  return schema;
}
