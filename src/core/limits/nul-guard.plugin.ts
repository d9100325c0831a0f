import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DocumentNode, GraphQLError, Kind, ValueNode, visit } from 'graphql';
import { ErrorCode } from '../errors';
import { partsPlugin, RequestPart } from '../request-parts';

const NUL = '\u0000';

/** Whether a literal holds a string with NUL in it, at any depth. */
function literalHasNul(value: ValueNode): boolean {
  if (value.kind === Kind.STRING) return value.value.includes(NUL);
  if (value.kind === Kind.LIST) return value.values.some(literalHasNul);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => literalHasNul(f.value));
  return false;
}

/**
 * The path of the first string holding NUL inside a variable's value, or null. Iterative: the
 * value is raw JSON from the client, not yet checked against its type, and may nest deeply.
 */
function pathToNul(value: unknown, path: string): string | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [item, at] = stack.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (item.includes(NUL)) return at;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) stack.push([item[i], `${at}[${i}]`]);
    } else if (item && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item).reverse())
        stack.push([inner, `${at}.${key}`]);
    }
  }
  return null;
}

function refuse(argument: string): GraphQLError {
  return new GraphQLError(
    `"${argument}" contains the NUL character (U+0000), which no text here may hold`,
    {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument, http: { status: 400 } },
    },
  );
}

/** Apollo hands the same parsed document to every request with the same text: looked at once. */
const checked = new WeakMap<DocumentNode, string | null>();

/** The first argument of the document whose literal holds NUL, or null. */
function argumentWithNul(document: DocumentNode): string | null {
  const known = checked.get(document);
  if (known !== undefined) return known;
  let found: string | null = null;
  visit(document, {
    Argument(node) {
      if (!found && literalHasNul(node.value)) found = node.name.value;
    },
  });
  checked.set(document, found);
  return found;
}

/**
 * Refuses text holding NUL before anything runs. SQLite stores it, but PostgreSQL refuses it in
 * a query ("invalid byte sequence"), which would surface as a server error on any argument that
 * reaches SQL; no name, slug or search in the graph can contain it anyway.
 */
export const nulGuardPart: RequestPart<BaseContext> = {
  didResolveOperation({ document, request }) {
    const literal = argumentWithNul(document);
    if (literal) throw refuse(literal);
    const variables = request.variables;
    if (!variables) return;
    for (const name in variables) {
      const value = variables[name];
      if (value === null || typeof value === 'number' || typeof value === 'boolean') continue;
      if (typeof value === 'string') {
        if (value.includes(NUL)) throw refuse(`$${name}`);
        continue;
      }
      const path = pathToNul(value, `$${name}`);
      if (path) throw refuse(path);
    }
  },
};

export function nulGuardPlugin(): ApolloServerPlugin {
  return partsPlugin([nulGuardPart]);
}
