import { createHash } from 'node:crypto';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  ExecutionResult,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
} from 'graphql';
import type { PromiseOrValue } from 'graphql/jsutils/PromiseOrValue';
import type { CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { Context } from './context';
import { installGatewayRequestContext } from './gateway-request-context';
import { jit } from './jit-direct-calls';
import { leafSerializers } from './leaf-serializers';
import { withinLazyRequestScope, withinRequestScope } from './request-scope';

/**
 * `jit` runs queries it has seen before as JavaScript compiled for that query (graphql-jit);
 * `graphql-js` interprets every request, as Apollo does on its own.
 */
export type ExecutorKind = 'jit' | 'graphql-js';

export interface ExecutorOptions {
  kind: ExecutorKind;
  /** A document is compiled the nth time it arrives, so one-off documents never pay for compiling. */
  compileAfter?: number;
  /** Compiled documents kept (least recently used dropped first). */
  maxCompiled?: number;
  /** Bytes the compiled documents may hold, as estimated by `compiledSize` (least recently used dropped first). */
  maxCompiledBytes?: number;
}

/** What the executor is built with besides ExecutorOptions. */
export interface ExecutorSetup {
  /** false: graphql-js only, nothing compiled (GRAPHQL_EXECUTOR=graphql-js). */
  compile?: boolean;
  /** false: no request scope around execution (the benchmark's `async-scope` layer off). */
  scoped?: boolean;
}

/**
 * What a compiled query holds, estimated from its document's text: measured with graphql-jit
 * 0.8 on this schema, 230 (a small query) to 480 (30 aliased nested fields) bytes per character.
 */
export const compiledSize = (sourceLength: number) => Math.max(1, sourceLength) * 500;

/** Compiled queries may hold this much by default: about 20 of the largest documents MAX_QUERY_TOKENS allows. */
export const DEFAULT_MAX_COMPILED_BYTES = 32 * 1024 * 1024;

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type Request = Parameters<GatewayExecutor>[0];

/** Set aside for documents graphql-jit refuses, so they are not compiled again. */
const NOT_COMPILABLE = Symbol('not compilable');

/**
 * Executes operations for Apollo Server. Apollo Server 5 takes another executor only through
 * its gateway interface, which also hands it the schema; the rest of the request pipeline
 * (parsing, validation, the query limits, every plugin) is Apollo's as before.
 *
 * Only queries are compiled: a mutation is rare and its answer is read after a write, where the
 * reference executor's behaviour is the one we test. A request whose variables fail to coerce is
 * answered by graphql-js too (nothing has run yet), so its error message is the standard one.
 * With `compile: false` every operation runs on graphql-js, still in the request's scope (the
 * benchmark's `jit` layer off).
 */
export class CompiledExecutor {
  private readonly seen: LRUCache<string, number>;
  private readonly compiled: LRUCache<string, CompiledQuery | typeof NOT_COMPILABLE>;
  private readonly compileAfter: number;
  private readonly scoped: boolean;
  private readonly serializers: ReturnType<typeof leafSerializers>;

  constructor(
    private readonly schema: GraphQLSchema,
    options: Omit<ExecutorOptions, 'kind'> = {},
    setup: ExecutorSetup = {},
  ) {
    this.compileAfter = setup.compile === false ? Infinity : (options.compileAfter ?? 2);
    this.scoped = setup.scoped ?? true;
    this.serializers = leafSerializers(schema);
    const max = options.maxCompiled ?? 200;
    this.compiled = new LRUCache({
      max,
      maxSize: options.maxCompiledBytes ?? DEFAULT_MAX_COMPILED_BYTES,
    });
    this.seen = new LRUCache({ max: max * 5 });
  }

  /**
   * Runs the operation in the request's scope (src/core/request-scope.ts): its statement counter
   * and deadline reach the database code its resolvers call. Execution is where a request
   * reaches the database, so the scope is entered here rather than around all of Apollo, and
   * not at all for an operation no resolver of ours answers (`{ __typename }`, introspection).
   */
  readonly execute = (request: Request): Promise<ExecutionResult> => {
    const ctx = request.context as Partial<Context>;
    const operation = request.operation;
    if (!this.scoped || !ctx.sql || !mayReachResolvers(operation))
      return Promise.resolve(this.run(request));
    const scope = ctx.deadline ? { sql: ctx.sql, deadline: ctx.deadline } : { sql: ctx.sql };
    // an operation whose resolvers all answer at once ends its scope before returning
    if (!operation || operation.operation !== 'query')
      return Promise.resolve(withinRequestScope(scope, () => this.run(request)));
    const result = (answeredAtOnce.get(operation) ? withinLazyRequestScope : withinRequestScope)(
      scope,
      () => this.run(request),
    );
    answeredAtOnce.set(operation, !(result instanceof Promise));
    return Promise.resolve(result);
  };

  private run(request: Request): PromiseOrValue<ExecutionResult> {
    const compiled =
      request.operation?.operation === 'query' && this.compileAfter !== Infinity
        ? this.compiledFor(request)
        : undefined;
    if (!compiled) return this.interpret(request);
    const result = compiled.query(undefined, request.context, request.request.variables);
    return result instanceof Promise
      ? result.then((settled: ExecutionResult) => this.compiledAnswer(settled, request))
      : this.compiledAnswer(result as ExecutionResult, request);
  }

  private compiledAnswer(
    result: ExecutionResult,
    request: Request,
  ): PromiseOrValue<ExecutionResult> {
    if (result.data === undefined) return this.interpret(request);
    return result.errors ? { ...result, errors: result.errors.map(standardError) } : result;
  }

  private interpret(request: Request): PromiseOrValue<ExecutionResult> {
    return execute({
      schema: this.schema,
      document: request.document!,
      contextValue: request.context,
      variableValues: request.request.variables,
      // the name the client asked for: `request.operationName` is that of the operation found, if any
      operationName: request.request.operationName ?? undefined,
    });
  }

  /** How many documents are compiled now (refused ones included). */
  get size(): number {
    return this.compiled.size;
  }

  private compiledFor(request: Request): CompiledQuery | undefined {
    // names are capped by validation (MAX_NAME_LENGTH); a long one is still kept as its hash
    const name = request.operation?.name?.value ?? '';
    const key = `${request.queryHash}:${name.length > 64 ? createHash('sha256').update(name).digest('base64url') : name}`;
    const hit = this.compiled.get(key);
    if (hit !== undefined) return hit === NOT_COMPILABLE ? undefined : hit;
    const sightings = (this.seen.get(key) ?? 0) + 1;
    if (sightings < this.compileAfter) {
      this.seen.set(key, sightings);
      return undefined;
    }
    this.seen.delete(key);
    const result = jit.compileQuery(
      this.schema,
      request.document!,
      request.operation?.name?.value,
      {
        disablingCapturingStackErrors: true,
        customSerializers: this.serializers,
      },
    );
    const compiled = jit.isCompiledQuery(result) ? result : undefined;
    this.compiled.set(key, compiled ?? NOT_COMPILABLE, {
      size: compiled ? compiledSize(request.source?.length ?? 0) : 1,
    });
    return compiled;
  }
}

/**
 * Per query (of a document Apollo keeps): whether its last execution answered without waiting.
 * Such a query runs in a lazy scope (src/core/request-scope.ts), which costs nothing unless it
 * waits; every way from a resolver to the database (the request's loaders and graph tables, a
 * TypeORM query runner) carries the scope into the storage before it waits, so its statements
 * are counted all the same. A query that waited runs in the storage's scope next time, so any
 * other way to wait costs at most that one execution's count.
 */
const answeredAtOnce = new WeakMap<OperationDefinitionNode, boolean>();

/** Per operation (of a document Apollo keeps): whether any root field is one of the schema's own. */
const reachesResolvers = new WeakMap<OperationDefinitionNode, boolean>();

/**
 * False for an operation whose root selections are all meta-fields (`__typename`, `__schema`,
 * `__type`), which graphql answers itself: none of our resolvers, hence no database, is reached,
 * and the request scope (an AsyncLocalStorage switched on and off again) would cost such a
 * request about 3 µs (a CPU profile of `{ __typename }` under load, 2026-12-02). Fragments at
 * the root count as reaching resolvers.
 */
function mayReachResolvers(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation) return true;
  let known = reachesResolvers.get(operation);
  if (known === undefined) {
    known = operation.selectionSet.selections.some(
      (selection) => selection.kind !== Kind.FIELD || !selection.name.value.startsWith('__'),
    );
    reachesResolvers.set(operation, known);
  }
  return known;
}

/**
 * graphql-jit's errors leave `extensions` undefined when the error did not start in a resolver
 * (a null in a non-null field), which Apollo's error formatting does not expect: remade as
 * graphql-js makes them, extensions coming from the original error.
 */
function standardError(error: GraphQLError): GraphQLError {
  const standard = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
  });
  return Object.assign(standard, { locations: error.locations });
}

/**
 * The gateway Apollo Server is given in place of a schema when the executor is `jit`.
 *
 * Checked against: @apollo/server 5.5.1, graphql-jit 0.8.9, graphql 16.15.0 (docs/operations.md,
 * "Shortcuts around the libraries"). Apollo's SchemaManager subscribes to schema updates first,
 * then loads; the schema is handed over during the subscription. Any other order, or a load
 * after the server stopped, is refused with an error naming this executor rather than leaving
 * Apollo without a schema.
 */
export function compiledExecutorGateway(
  schema: GraphQLSchema,
  executor: CompiledExecutor,
): Gateway {
  // the request Apollo makes for a gateway, without what kept every request to the next full GC
  installGatewayRequestContext();
  let subscribed = false;
  let stopped = false;
  const refuse = (what: string) =>
    new Error(
      `The compiled executor (GRAPHQL_EXECUTOR=jit, src/core/compiled-executor.ts) cannot serve this Apollo Server: ${what}. ` +
        'It was checked against @apollo/server 5.5.1; run with GRAPHQL_EXECUTOR=graphql-js until it is checked again.',
    );
  return {
    async load() {
      if (stopped) throw refuse('load() was called after stop()');
      if (!subscribed)
        throw refuse(
          'load() was called before onSchemaLoadOrUpdate(), so no schema was handed over',
        );
      return { executor: executor.execute };
    },
    onSchemaLoadOrUpdate(callback) {
      subscribed = true;
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {
      stopped = true;
    },
  };
}
