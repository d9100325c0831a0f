import { GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';
import { createRequire } from 'node:module';
import { BuildSchemaOptions, getMetadataStorage } from 'type-graphql';

type Storage = ReturnType<typeof getMetadataStorage>;
type FieldMetadata = Storage['fields'][number];
type FieldResolverMetadata = Storage['fieldResolvers'][number];
type QueryMetadata = Storage['queries'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];
type Class = new (...args: never[]) => object;
type ValidateFn = (value: unknown, type: unknown, data: unknown) => unknown;

/**
 * type-graphql's own conversion of arguments to instances of their classes (not in the package's
 * exports: reached from its entry point), so a lean resolver hands a method what it would.
 */
const convertArgs = createRequire(require.resolve('type-graphql'))('./resolvers/convert-args') as {
  convertArgsToInstance: (param: ParamMetadata, args: unknown) => unknown;
  convertArgToInstance: (param: ParamMetadata, args: unknown) => unknown;
};

/** Where a field resolver's parameters come from, in graphql-js's (root, args, context, info). */
const ARGUMENT_OF = { root: 0, context: 2, info: 3 } as const;

/**
 * type-graphql gives every field of every object type a resolver of its own: a plain property
 * is read through a wrapper that builds a `resolverData` object and runs an (empty) middleware
 * chain, and a `@FieldResolver` sorts and maps its parameter list on every call. Under a nested
 * query that is most of the work graphql does. This pass, run once on the built schema, takes the
 * wrappers away where they do nothing:
 *
 * - a plain field with no middleware and no `@Authorized`, named in the schema as its property is,
 *   gets no resolver: graphql's default reads the property, and graphql-jit reads it inline;
 * - a field resolver whose parameters are only `@Root()`, `@Ctx()` and `@Info()`, with no
 *   middleware or roles, calls its method directly.
 *
 * - so does one that also takes `@Arg()`/`@Args()`, and so does a query: the arguments are
 *   converted by type-graphql's own functions and checked by their `validateFn` (see
 *   src/core/argument-validation.ts) as type-graphql would, but the method is called at once when
 *   no check is pending, not after a promise per argument (type-graphql's validateArg is async);
 *   an argument that only class-validator itself would check keeps type-graphql's resolver.
 *
 * Anything else (middleware; roles) keeps type-graphql's resolver, and so does a call whose root
 * is not an instance of the class the resolver expects (type-graphql would convert it first).
 *
 * Checked against: type-graphql 2.0.0-rc.4, graphql 16.15.0, @apollo/server 5.5.1 (docs/operations.md,
 * "Shortcuts around the libraries": what to re-check on upgrade). Apollo's cache-control plugin
 * wraps every field again in place; tests/integration/execution.test.ts compares both ways.
 */
export function leanResolvers(
  schema: GraphQLSchema,
  options: BuildSchemaOptions,
  storage: Storage = getMetadataStorage(),
): GraphQLSchema {
  refuseUnhonouredOptions(options);
  // a @FieldResolver of a resolver class is listed on its object type, not in storage.fields
  const declared = bySchemaName([
    ...new Set([
      ...storage.fields,
      ...[...storage.objectTypes, ...storage.interfaceTypes].flatMap((t) => t.fields ?? []),
    ]),
  ]);
  // looked up once per field of the schema: indexed, not searched (a start built it in seconds)
  const fieldResolvers = new Map<unknown, Map<string, FieldResolverMetadata>>();
  for (const resolver of storage.fieldResolvers) {
    const owner = resolver.getObjectType?.();
    if (!fieldResolvers.has(owner)) fieldResolvers.set(owner, new Map());
    const methods = fieldResolvers.get(owner)!;
    if (!methods.has(resolver.methodName)) methods.set(resolver.methodName, resolver);
  }
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const target = objectType.target as Class;
    for (const field of Object.values(type.getFields())) {
      const metadata = fieldMetadataOf(
        declared,
        target,
        objectType.interfaceClasses ?? [],
        field.name,
      );
      if (!metadata || metadata.middlewares?.length || metadata.roles) continue;
      const resolver = fieldResolvers.get(metadata.target)?.get(metadata.name);
      if (resolver)
        field.resolve = directFieldResolver(resolver, field.resolve, options) ?? field.resolve;
      else if (metadata.name === metadata.schemaName) field.resolve = undefined;
    }
  }
  const queries = schema.getQueryType()?.getFields() ?? {};
  for (const query of storage.queries) {
    const field = queries[query.schemaName];
    if (!field?.resolve || query.middlewares?.length || query.roles) continue;
    field.resolve = directQueryResolver(query, options) ?? field.resolve;
  }
  return schema;
}

/**
 * How a lean resolver gets each parameter of `params` (sorted by position) from graphql's
 * (root, args, context, info), or undefined when one needs type-graphql.
 */
function parameterReader(
  params: readonly ParamMetadata[],
  options: BuildSchemaOptions,
): ((root: unknown, args: unknown, context: unknown, info: unknown) => MaybePending) | undefined {
  const globalFn = options.validateFn as ValidateFn | undefined;
  const readers: ((
    root: unknown,
    args: unknown,
    context: unknown,
    info: unknown,
    pending: Promise<unknown>[],
  ) => unknown)[] = [];
  for (const p of params) {
    if (p.kind in ARGUMENT_OF && !('propertyName' in p && p.propertyName)) {
      const at = ARGUMENT_OF[p.kind as keyof typeof ARGUMENT_OF];
      readers.push(
        at === 0
          ? (root) => root
          : at === 2
            ? (_r, _a, context) => context
            : (_r, _a, _c, info) => info,
      );
      continue;
    }
    if (p.kind !== 'arg' && p.kind !== 'args') return undefined;
    const param = p as ParamMetadata & {
      validateFn?: ValidateFn;
      validateSettings?: unknown;
      getType(): unknown;
    };
    const check = param.validateFn ?? globalFn;
    const settings =
      param.validateSettings !== undefined ? param.validateSettings : options.validate;
    // as type-graphql's validateArg: the argument's (or the schema's) validateFn, else nothing
    // when validation is off; class-validator called by type-graphql itself is left to it
    if (typeof check !== 'function' && settings !== false) return undefined;
    const convert =
      p.kind === 'args' ? convertArgs.convertArgsToInstance : convertArgs.convertArgToInstance;
    readers.push((root, args, context, info, pending) => {
      const value = convert(param, args);
      if (typeof check === 'function') {
        const done = check(value, param.getType(), { root, args, context, info });
        if (done instanceof Promise) pending.push(done);
      }
      return value;
    });
  }
  return (root, args, context, info) => {
    const pending: Promise<unknown>[] = [];
    const values = readers.map((read) => read(root, args, context, info, pending));
    return { values, pending };
  };
}

interface MaybePending {
  values: unknown[];
  /** Argument checks still running: the method is called when all have passed. */
  pending: Promise<unknown>[];
}

const callWith = (
  read: NonNullable<ReturnType<typeof parameterReader>>,
  method: (...args: unknown[]) => unknown,
  instance: object,
): GraphQLFieldResolver<unknown, unknown> => {
  return (root, args, context, info) => {
    const { values, pending } = read(root, args, context, info);
    if (!pending.length) return method.apply(instance, values);
    return Promise.all(pending).then(() => method.apply(instance, values));
  };
};

/** A query's method called directly (type-graphql's default container: one instance per class). */
function directQueryResolver(
  query: QueryMetadata,
  options: BuildSchemaOptions,
): GraphQLFieldResolver<unknown, unknown> | undefined {
  const params = [...(query.params ?? [])].sort((a, b) => a.index - b.index);
  const read = parameterReader(params, options);
  if (!read) return undefined;
  const instance = instanceOf(query.target as Class);
  const method = (instance as Record<string, (...args: unknown[]) => unknown>)[query.methodName];
  if (typeof method !== 'function') return undefined;
  return callWith(read, method, instance);
}

/** One instance per resolver class, shared by its lean resolvers. */
const instances = new WeakMap<Class, object>();
function instanceOf(target: Class): object {
  let instance = instances.get(target);
  if (!instance) instances.set(target, (instance = new target()));
  return instance;
}

/**
 * The buildSchema options this pass was checked against, by what it does with them. It refuses
 * to run with any other, so a later change (a global middleware, a DI container, an option a
 * new type-graphql version adds) fails at start-up instead of being skipped on most fields.
 */
const HONOURED: Record<string, (value: unknown) => boolean> = {
  // the fields it rewrites have neither
  resolvers: () => true,
  orphanedTypes: () => true,
  directives: () => true,
  skipCheck: () => true,
  emitSchemaFile: () => true,
  scalarsMap: () => true,
  nullableByDefault: () => true,
  disableInferringDefaultValues: () => true,
  // used only for arguments, roles and @PubSub(): such fields keep type-graphql's resolver
  validate: () => true,
  validateFn: () => true,
  authChecker: () => true,
  authMode: () => true,
  pubSub: () => true,
  // type-graphql runs these around every field; this pass would skip them on most
  globalMiddlewares: (value) => !Array.isArray(value) || value.length === 0,
  // the pass makes one resolver instance per class itself, as type-graphql's default container does
  container: (value) => value === undefined,
};

/** Throws, naming the lean pass, when `options` holds a buildSchema option it does not honour. */
export function refuseUnhonouredOptions(options: BuildSchemaOptions): void {
  const refused = Object.entries(options)
    .filter(([key, value]) => value !== undefined && !(HONOURED[key]?.(value) ?? false))
    .map(([key]) => key);
  if (refused.length) {
    throw new Error(
      `The lean resolver pass (src/core/lean-resolvers.ts) does not honour type-graphql's ${refused.map((k) => `\`${k}\``).join(', ')}: ` +
        'it would be skipped on most fields. Teach the pass about it (and record the check in docs/operations.md), or build the schema without the pass.',
    );
  }
}

function bySchemaName(fields: FieldMetadata[]): Map<string, FieldMetadata[]> {
  const index = new Map<string, FieldMetadata[]>();
  for (const field of fields) {
    const named = index.get(field.schemaName);
    if (named) named.push(field);
    else index.set(field.schemaName, [field]);
  }
  return index;
}

/** The field's metadata: declared on the class, a class it extends, or an interface it implements. */
function fieldMetadataOf(
  declared: Map<string, FieldMetadata[]>,
  target: Class,
  interfaces: Function[],
  schemaName: string,
): FieldMetadata | undefined {
  const owners = new Set<Function>();
  for (const start of [target, ...interfaces]) {
    for (
      let c: Function | null = start;
      c && c !== Function.prototype;
      c = Object.getPrototypeOf(c)
    )
      owners.add(c);
  }
  const found = (declared.get(schemaName) ?? []).filter((f) => owners.has(f.target));
  // the class's own declaration wins over an inherited one, as in type-graphql
  return found.find((f) => f.target === target) ?? (found.length === 1 ? found[0] : undefined);
}

function directFieldResolver(
  resolver: FieldResolverMetadata,
  fallback: GraphQLFieldResolver<unknown, unknown> | undefined,
  options: BuildSchemaOptions,
): GraphQLFieldResolver<unknown, unknown> | undefined {
  if (!fallback || resolver.middlewares?.length || resolver.roles) return undefined;
  const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
  const simple = params.every(
    (p) => p.kind in ARGUMENT_OF && !('propertyName' in p && p.propertyName),
  );
  if (!simple) {
    const read = resolver.kind === 'external' ? parameterReader(params, options) : undefined;
    if (!read) return undefined;
    const instance = instanceOf(resolver.target as Class);
    const method = (instance as Record<string, (...args: unknown[]) => unknown>)[
      resolver.methodName
    ];
    const rootParam = params.find((p) => p.kind === 'root');
    const rootType =
      rootParam && 'getType' in rootParam
        ? (rootParam.getType?.() as Class | undefined)
        : undefined;
    const call = callWith(read, method, instance);
    return (root, args, context, info) =>
      !rootType || typeof rootType !== 'function' || root instanceof rootType
        ? call(root, args, context, info)
        : fallback(root, args, context, info);
  }
  const positions = params.map((p) => ARGUMENT_OF[p.kind as keyof typeof ARGUMENT_OF]);

  if (resolver.kind === 'internal') {
    // a getter or method of the object type's own class, run on the root itself
    const owner = resolver.getObjectType!() as Class;
    const name = resolver.methodName;
    return (root, args, context, info) => {
      if (!(root instanceof owner)) return fallback(root, args, context, info);
      const member = (root as Record<string, unknown>)[name];
      if (typeof member !== 'function') return member;
      const all = [root, args, context, info];
      return member.apply(
        root,
        positions.map((i) => all[i]),
      );
    };
  }

  // a @FieldResolver method of a resolver class: type-graphql's default container makes one
  // instance per class with no constructor arguments, as here
  const instance = new (resolver.target as Class)() as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const method = instance[resolver.methodName];
  const rootParam = params.find((p) => p.kind === 'root');
  const rootType =
    rootParam && 'getType' in rootParam ? (rootParam.getType?.() as Class | undefined) : undefined;
  const accepts = (root: unknown) =>
    !rootType || typeof rootType !== 'function' || root instanceof rootType;
  const [a, b] = positions;
  const call: GraphQLFieldResolver<unknown, unknown> =
    positions.length === 2 && a === 0 && b === 2 // (@Root(), @Ctx()), most of them: no array per call
      ? (root, _args, context) => method.call(instance, root, context)
      : (root, args, context, info) => {
          const all = [root, args, context, info];
          return method.apply(
            instance,
            positions.map((i) => all[i]),
          );
        };
  return (root, args, context, info) =>
    accepts(root) ? call(root, args, context, info) : fallback(root, args, context, info);
}
