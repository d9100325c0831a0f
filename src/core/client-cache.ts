import { GraphQLSchema, isAbstractType, isObjectType } from 'graphql';

/**
 * What a normalising client cache (Apollo Client's InMemoryCache, urql's graphcache) needs to
 * know of this schema, derived from it so that it cannot drift (`npm run schema:emit` writes it
 * to docs/client-cache.json; a test holds the file to the schema):
 *
 * - `possibleTypes`: the types behind each interface (`Node`, as in `SearchHit.node`), so
 *   fragments on them match without guessing;
 * - `valueTypes`: object types with no `id`, which the cache keeps inside their parent (a
 *   YearRange, a connection, a career path computed per question) rather than by id;
 * - `typePolicies` for Apollo Client: each value type merges with what a field held before
 *   (`merge: true`) instead of replacing it, as the same question asked with other fields adds
 *   to the same answer; every other type is keyed by its `id` (Apollo's default).
 */
export interface ClientCacheConfig {
  possibleTypes: Record<string, string[]>;
  valueTypes: string[];
  typePolicies: Record<string, { merge: true }>;
}

export function clientCacheConfig(schema: GraphQLSchema): ClientCacheConfig {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter(Boolean)
      .map((t) => t!.name),
  );
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const possibleTypes: Record<string, string[]> = {};
  for (const type of types) {
    if (isAbstractType(type))
      possibleTypes[type.name] = schema
        .getPossibleTypes(type)
        .map((t) => t.name)
        .sort();
  }
  const valueTypes = types
    .filter((t) => isObjectType(t) && !roots.has(t.name) && !('id' in t.getFields()))
    .map((t) => t.name);
  return {
    possibleTypes,
    valueTypes,
    typePolicies: Object.fromEntries(valueTypes.map((name) => [name, { merge: true as const }])),
  };
}

/** The config as the committed file holds it. */
export const clientCacheJson = (schema: GraphQLSchema) =>
  `${JSON.stringify(clientCacheConfig(schema), null, 2)}\n`;
