import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DocumentNode,
  GraphQLSchema,
  isCompositeType,
  Kind,
  parse,
  print,
  SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

const ROOT = join(__dirname, '..', '..');

/** Every query of the README and docs/career-questions.md (```graphql blocks, mutations left out) and of docs/examples. */
export function readmeQueries(): { name: string; query: string }[] {
  const readme = ['README.md', join('docs', 'career-questions.md')]
    .map((f) => readFileSync(join(ROOT, f), 'utf8'))
    .join('\n');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((q) => !/^\s*mutation\b/.test(q));
  const examples = readdirSync(join(ROOT, 'docs', 'examples'))
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ name: f, query: readFileSync(join(ROOT, 'docs', 'examples', f), 'utf8') }));
  return [...blocks.map((query, i) => ({ name: `README block ${i + 1}`, query })), ...examples];
}

/**
 * The document with `id` selected on every object that has one: what a normalising cache needs,
 * and what apps add by hand or with a document transform (Apollo's DocumentTransform).
 */
export function withIds(schema: GraphQLSchema, query: string): string {
  return print(withIdsDocument(schema, parse(query)));
}

/** `withIds` on a parsed document. */
export function withIdsDocument(schema: GraphQLSchema, query: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    query,
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node: SelectionSetNode) {
        const type = typeInfo.getParentType();
        if (!type || !isCompositeType(type) || !('getFields' in type) || !type.getFields().id)
          return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'id' && !s.alias))
          return undefined;
        return {
          ...node,
          selections: [
            { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'id' } },
            ...node.selections,
          ],
        };
      },
    }),
  );
}
