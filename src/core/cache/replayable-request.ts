/** A request the response cache may answer before Apollo sees it, as Apollo would read it. */
export interface ReplayableRequest {
  method: 'GET' | 'POST';
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  /** The content type Apollo would answer a single result with. */
  contentType: string;
}

/** What the decision needs of a request: node:http's and Apollo's HTTPGraphQLRequest both give it. */
export interface RequestParts {
  method: string | undefined;
  header(name: 'authorization' | 'accept' | 'content-type'): string | undefined;
  body: unknown;
  /** The query string, with its `?`, or ''. */
  search: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/**
 * Accept headers answered with application/json as Apollo's negotiation would; any other goes
 * through Apollo (application/graphql-response+json, multipart, 406...).
 */
const JSON_ACCEPTS = new Set(['*/*', 'application/json', 'application/json, */*']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The request, when the cache may answer it before Apollo: a GET or a POST of one operation
 * given as text (no `extensions`: persisted queries go through Apollo), with no credentials
 * (an answer to a request with Authorization is private, and its key's rate-limit bucket needs
 * the key looked up) and an Accept header that asks for plain JSON. Anything else, and anything
 * Apollo would refuse, is null: Apollo answers it, and looks the cache up itself if it may.
 * The plugin asks the same of Apollo's view of the request, to know the lookup was made.
 */
export function replayableRequest(request: RequestParts): ReplayableRequest | null {
  if (request.header('authorization') !== undefined) return null;
  const accept = request.header('accept');
  if (accept !== undefined && !JSON_ACCEPTS.has(accept.trim().toLowerCase())) return null;
  let query: unknown;
  let operationName: unknown;
  let variables: unknown;
  if (request.method === 'POST') {
    const body = request.body;
    if (!isRecord(body) || body.extensions !== undefined) return null;
    ({ query, operationName, variables } = body);
  } else if (request.method === 'GET') {
    if (request.header('content-type') !== undefined) return null;
    const params = new URLSearchParams(request.search);
    const queries = params.getAll('query');
    const names = params.getAll('operationName');
    const vars = params.getAll('variables');
    if (queries.length !== 1 || names.length > 1 || vars.length > 1 || params.has('extensions'))
      return null;
    query = queries[0];
    operationName = names[0];
    if (vars.length) {
      try {
        variables = JSON.parse(vars[0]);
      } catch {
        return null;
      }
    }
  } else return null;
  if (typeof query !== 'string' || !query) return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && !isRecord(variables)) return null;
  return {
    method: request.method,
    query,
    operationName: (operationName as string | null | undefined) ?? null,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    contentType: JSON_TYPE,
  };
}
