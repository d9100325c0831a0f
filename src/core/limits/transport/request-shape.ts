import { NodeHandler, NodeRequest, sendJson } from '../../http/node-http';
import { ErrorCode } from '../../errors';
import { errorBody } from '../refusals';

/**
 * How deep a JSON value nests (a scalar is 0, `[]` or `{}` is 1), or `limit + 1` as soon as it
 * is known to be deeper than `limit`. Iterative, with a stack of its own: the values it guards
 * against would overflow the call stack of any recursive walk (JSON.stringify included).
 */
export function depthExceeds(value: unknown, limit: number): number | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return depth + 1;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return null;
}

interface OperationShape {
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** A GET's operation, from its URL (variables and extensions are JSON there; Apollo refuses bad JSON itself). */
function operationOfGet(req: NodeRequest): OperationShape {
  const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
  const json = (name: string) => {
    try {
      return JSON.parse(url.searchParams.get(name) ?? 'null');
    } catch {
      return null;
    }
  };
  return {
    operationName: url.searchParams.get('operationName') ?? undefined,
    variables: json('variables'),
    extensions: json('extensions'),
  };
}

/**
 * Before Apollo reads a request: refuses an `operationName` longer than `maxNameLength`
 * (NAME_TOO_LONG) and variables or extensions nested deeper than `maxDepth` (BAD_USER_INPUT,
 * naming the field), so nothing downstream walks them (variable coercion, cache keys and cost
 * estimates all recurse).
 */
export function requestShape(maxNameLength: number, maxDepth: number): NodeHandler {
  return (req, res, next) => {
    const operations: OperationShape[] =
      req.method === 'GET'
        ? [operationOfGet(req)]
        : Array.isArray(req.body)
          ? req.body
          : req.body && typeof req.body === 'object'
            ? [req.body]
            : [];
    for (const op of operations) {
      if (!op || typeof op !== 'object') continue;
      if (typeof op.operationName === 'string' && op.operationName.length > maxNameLength) {
        sendJson(
          res,
          400,
          errorBody(
            `operationName is ${op.operationName.length} characters long; the limit is ${maxNameLength} (MAX_NAME_LENGTH)`,
            ErrorCode.NAME_TOO_LONG,
            { field: 'operationName', length: op.operationName.length, limit: maxNameLength },
          ),
        );
        return;
      }
      for (const field of ['variables', 'extensions'] as const) {
        const depth = depthExceeds(op[field], maxDepth);
        if (depth !== null) {
          sendJson(
            res,
            400,
            errorBody(
              `${field} nest deeper than ${maxDepth} levels (MAX_VARIABLES_DEPTH); they were not read`,
              ErrorCode.BAD_USER_INPUT,
              {
                field,
                limit: maxDepth,
              },
            ),
          );
          return;
        }
      }
    }
    next();
  };
}
