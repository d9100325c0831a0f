import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContext,
  GraphQLRequestContextDidEncounterErrors,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextExecutionDidStart,
  GraphQLRequestContextResponseForOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
  GraphQLResponse,
} from '@apollo/server';

/**
 * One piece of per-request work, as an Apollo plugin would do it, with hooks that may answer
 * synchronously. Parts run in the order given, one after the other; a hook that returns a
 * promise holds the next part until it settles. `start` returns what the part keeps for the
 * request (handed back to every hook).
 */
export interface RequestPart<C extends BaseContext, S = undefined> {
  start?(request: GraphQLRequestContext<C>): S;
  didResolveOperation?(
    request: GraphQLRequestContextDidResolveOperation<C>,
    state: S,
  ): void | Promise<void>;
  /** An answer in place of execution (the response cache), or null; the first part's answer wins. */
  responseForOperation?(
    request: GraphQLRequestContextResponseForOperation<C>,
    state: S,
  ): GraphQLResponse | null | Promise<GraphQLResponse | null>;
  executionDidStart?(request: GraphQLRequestContextExecutionDidStart<C>, state: S): void;
  didEncounterErrors?(request: GraphQLRequestContextDidEncounterErrors<C>, state: S): void;
  willSendResponse?(
    request: GraphQLRequestContextWillSendResponse<C>,
    state: S,
  ): void | Promise<void>;
}

const HOOKS = [
  'didResolveOperation',
  'executionDidStart',
  'didEncounterErrors',
  'willSendResponse',
] as const;
type AnyPart = RequestPart<BaseContext, unknown>;
type Entry = { index: number; run: (request: unknown, state: unknown) => void | Promise<void> };

const DONE: Promise<void> = Promise.resolve();

type Answer = GraphQLResponse | null;
type AnswerEntry = {
  index: number;
  run: (request: unknown, state: unknown) => Answer | Promise<Answer>;
};

/** The first answer of entries[from..], synchronously until one returns a promise. */
function firstAnswer(
  entries: AnswerEntry[],
  from: number,
  request: unknown,
  states: unknown[],
): Answer | Promise<Answer> {
  for (let k = from; k < entries.length; k++) {
    const result = entries[k].run(request, states[entries[k].index]);
    if (result instanceof Promise)
      return k + 1 === entries.length
        ? result
        : result.then((answer) => answer ?? firstAnswer(entries, k + 1, request, states));
    if (result) return result;
  }
  return null;
}

/** Runs entries[from..] in order, synchronously until one returns a promise. */
function series(
  entries: Entry[],
  from: number,
  request: unknown,
  states: unknown[],
): Promise<void> {
  try {
    for (let k = from; k < entries.length; k++) {
      const result = entries[k].run(request, states[entries[k].index]);
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
        return k + 1 === entries.length
          ? (result as Promise<void>)
          : (result as Promise<void>).then(() => series(entries, k + 1, request, states));
      }
    }
    return DONE;
  } catch (err) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a part's own error, passed on as thrown
    return Promise.reject(err);
  }
}

/**
 * Several parts as one Apollo plugin. Apollo calls every plugin's hooks for every request and
 * awaits each call; one plugin whose hooks answer at once where they can costs a request a few
 * calls instead of a promise per plugin and hook (and, under an AsyncLocalStorage, a hook on
 * each of those promises). Hooks no part has are left out of the listener, and a request's
 * listener is one object of a class made once (its hooks on the prototype) rather than an
 * object and a closure per hook; `requestDidStart` returns it without a promise.
 */
export function partsPlugin<C extends BaseContext>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each part keeps a state of its own type
  parts: RequestPart<C, any>[],
  extra: Omit<ApolloServerPlugin<C>, 'requestDidStart'> = {},
): ApolloServerPlugin<C> {
  const all = parts as unknown as AnyPart[];
  class Listener {
    constructor(readonly states: unknown[]) {}
  }
  for (const hook of HOOKS) {
    const entries = all.flatMap((part, index) =>
      part[hook] ? [{ index, run: (part[hook] as Entry['run']).bind(part) }] : [],
    );
    if (entries.length)
      Object.defineProperty(Listener.prototype, hook, {
        value(this: Listener, at: unknown) {
          return series(entries, 0, at, this.states);
        },
      });
  }
  const answerers: AnswerEntry[] = all.flatMap((part, index) =>
    part.responseForOperation
      ? [{ index, run: (part.responseForOperation as AnswerEntry['run']).bind(part) }]
      : [],
  );
  if (answerers.length)
    Object.defineProperty(Listener.prototype, 'responseForOperation', {
      value(this: Listener, at: unknown) {
        return firstAnswer(answerers, 0, at, this.states);
      },
    });
  const starters = all.filter((part) => part.start !== undefined).length;
  const stateless = new Listener([]);
  return {
    ...extra,
    // not async: Apollo awaits whatever it returns, and a promise more per request costs
    requestDidStart(request) {
      if (!starters) return stateless as GraphQLRequestListener<C>;
      const states = new Array<unknown>(all.length);
      for (let i = 0; i < all.length; i++)
        states[i] = all[i].start?.(request as GraphQLRequestContext<BaseContext>);
      return new Listener(states) as GraphQLRequestListener<C>;
    },
  } as ApolloServerPlugin<C>;
}
