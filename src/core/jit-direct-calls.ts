import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GraphQLNamedType, isSpecifiedScalarType } from 'graphql';
import * as installed from 'graphql-jit';

type Jit = Pick<typeof installed, 'compileQuery' | 'isCompiledQuery'>;

/**
 * How graphql-jit 0.8.9 generates a call of a field's resolver (dist/execution.js, in the
 * template of `compileDeferredField`): three closures made for every call, the call itself, what
 * to do with its answer and what to do with its error, even though nearly every resolver of ours
 * answers at once.
 */
const CLOSURES = `      \${GLOBAL_RUNTIME_NAME}.callResolver(\${GLOBAL_EXECUTION_CONTEXT},
        () => \${resolverCall},
        result => {
          \${resolverHandler}(\${GLOBAL_EXECUTION_CONTEXT}, \${resultParentPath}, result, \${parentIndexes});
        },
        err => {
          if (err) {
            \${getErrorDestination(fieldType)}.push(\${executionError});
          } else {
            \${getErrorDestination(fieldType)}.push(\${emptyError});
          }
        }
      );`;

/**
 * The same call made in place: an answer given at once goes straight to the field's handler, and
 * the two callbacks are made only for a promise or a throw, which then take graphql-jit's own
 * path (`callResolver`: the error recorded, then the field's handler given null;
 * `handleResolverResult`: a promise counted and awaited).
 */
const DIRECT = `      let __answer, __thrown, __threw = false;
      try {
        __answer = \${resolverCall};
      } catch (err) {
        __threw = true;
        __thrown = err;
      }
      if (__threw || \${GLOBAL_RUNTIME_NAME}.isPromise(__answer)) {
        const __onAnswer = result => {
          \${resolverHandler}(\${GLOBAL_EXECUTION_CONTEXT}, \${resultParentPath}, result, \${parentIndexes});
        };
        const __onError = err => {
          if (err) {
            \${getErrorDestination(fieldType)}.push(\${executionError});
          } else {
            \${getErrorDestination(fieldType)}.push(\${emptyError});
          }
        };
        if (__threw) {
          __onError(__thrown);
          __onAnswer(null);
        } else {
          \${GLOBAL_RUNTIME_NAME}.handleResolverResult(\${GLOBAL_EXECUTION_CONTEXT}, __answer, __onAnswer, __onError);
        }
      } else {
        \${resolverHandler}(\${GLOBAL_EXECUTION_CONTEXT}, \${resultParentPath}, __answer, \${parentIndexes});
      }`;

/**
 * How graphql-jit 0.8.9 hands each item of a list to the item's handler: two closures an item.
 * An item that is a rejected promise gets its null added at the end of the list (`push`) while
 * its own place stays empty, so `[a, rejected, b]` answered `[a, null, b, null]`, one item too
 * many (graphql-js: `[a, null, b]`).
 */
const ITEM_CLOSURES = `    \${GLOBAL_RUNTIME_NAME}.handleListItemResult(\${GLOBAL_EXECUTION_CONTEXT}, __currentItem,
      result => {
        \${itemHandler}(\${GLOBAL_EXECUTION_CONTEXT}, resultArray, result, \${childIndexes});
      },
      err => {
        resultArray.push(null);`;

/**
 * The same with an item that is not a promise given to its handler at once, and the null of a
 * failed one put in its place: graphql-jit's own call otherwise, that one line changed.
 */
const ITEM_DIRECT = `    if (!\${GLOBAL_RUNTIME_NAME}.isPromise(__currentItem)) {
      \${itemHandler}(\${GLOBAL_EXECUTION_CONTEXT}, resultArray, __currentItem, \${childIndexes});
      return;
    }
${ITEM_CLOSURES.replace('resultArray.push(null);', 'resultArray[idx${newDepth}] = null;')}`;

/**
 * How graphql-jit 0.8.9 generates a leaf field (in `compileType`): a call of the runtime's check
 * with the error it would report already spelled out, its locations and path as array literals,
 * and the list indexes gathered by rest parameters twice over (the check, then the serializer):
 * four or five objects made for every leaf of an answer, though nearly every value is already
 * what its type sends.
 */
const NON_NULL_LEAF =
  'return `${GLOBAL_RUNTIME_NAME}.checkNonNullLeaf(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${dest}, ${nullMsg}, ${locs}, ${path}, ${capStack}, ${serializerRef}, ${errHandler}${extraIndexes})`;';
const NULLABLE_LEAF =
  'return `${GLOBAL_RUNTIME_NAME}.checkNullableLeaf(${GLOBAL_EXECUTION_CONTEXT}, ${sourcePath}, ${dest}, ${locs}, ${path}, ${capStack}, ${serializerRef}, ${errHandler}${extraIndexes})`;';

/** A leaf template's call of the check, given the value in `__leaf` rather than read again. */
const checkOfLeaf = (template: string): string =>
  template.slice('return `'.length, -'`;'.length).replace('${sourcePath}', '__leaf');

/**
 * The same leaves with the common case first: the value read once into `__leaf` (one variable per
 * compiled query, see FUNCTION_BODY) and, when it is already what its built-in scalar sends (a
 * string for String and ID, a boolean, a 32-bit integer, a finite number), answered as it is;
 * anything else (null, an Error, a value to convert or refuse, an enum, a custom scalar) goes to
 * graphql-jit's own check as before. Both serializers a leaf can have return such values
 * unchanged: graphql's own and ours (src/core/leaf-serializers.ts).
 */
const NON_NULL_LEAF_FAST = `const __fast = __fastLeaf(innerType);
      if (__fast) return \`((__leaf = \${sourcePath}, \${__fast}) ? __leaf : ${checkOfLeaf(NON_NULL_LEAF)})\`;
      ${NON_NULL_LEAF}`;
const NULLABLE_LEAF_FAST = `const __fast = __fastLeaf(innerType);
      if (__fast) return \`((__leaf = \${sourcePath}) == null ? null : (\${__fast}) ? __leaf : ${checkOfLeaf(NULLABLE_LEAF)})\`;
      ${NULLABLE_LEAF}`;

/** Where graphql-jit 0.8.9 makes a compiled query's functions from their text, given `__leaf`. */
const FUNCTION_BODY = 'new Function("return " + functionBody)()';
const FUNCTION_BODY_WITH_LEAF = 'new Function("let __leaf;\\nreturn " + functionBody)()';

/** The check, on `__leaf`, that a built-in scalar's value is sent as it is. */
const SENT_AS_IT_IS: Record<string, string> = {
  String: 'typeof __leaf === "string"',
  ID: 'typeof __leaf === "string"',
  Boolean: 'typeof __leaf === "boolean"',
  Int: 'typeof __leaf === "number" && (__leaf | 0) === __leaf',
  Float: 'typeof __leaf === "number" && __leaf - __leaf === 0',
};
const fastLeaf = (type: GraphQLNamedType): string | undefined =>
  isSpecifiedScalarType(type) ? SENT_AS_IT_IS[type.name] : undefined;

/**
 * graphql-jit's compiler, from a copy of its execution module whose generated code calls each
 * resolver in place (DIRECT) rather than through three closures (CLOSURES), and hands each list
 * item that is not a promise to its handler at once (ITEM_DIRECT) rather than through two (and a
 * list item that failed to its place in the list), and sends a built-in scalar's leaf that needs
 * no conversion as it is, without making its error's locations and path (NON_NULL_LEAF_FAST).
 * Under `nested` the closures were a quarter to a third of what a request allocated
 * (bench/README.md, thirteenth session), and the leaves' checks (about 370 leaves an answer at
 * 10x) a fifth of its execution in process (twentieth session). graphql-jit has no option for
 * either, and a copy patched at install time would change node_modules behind npm's back; this
 * reads the installed file, so an upgrade that changes any template falls back to graphql-jit as
 * it is (`direct` false, which tests/unit/compiled-executor.test.ts refuses).
 *
 * The copy's own requires are answered by this module's `require` (the test runner's under jest),
 * so it shares graphql and graphql-jit's other modules with everything else.
 *
 * Checked against: graphql-jit 0.8.9.
 */
function loadJit(): Jit & { direct: boolean } {
  const dist = dirname(require.resolve('graphql-jit'));
  const file = join(dist, 'execution.js');
  const source = readFileSync(file, 'utf8');
  const templates = [CLOSURES, ITEM_CLOSURES, NON_NULL_LEAF, NULLABLE_LEAF, FUNCTION_BODY];
  if (!templates.every((template) => source.includes(template)))
    return {
      compileQuery: installed.compileQuery,
      isCompiledQuery: installed.isCompiledQuery,
      direct: false,
    };
  const module = { exports: {} as Jit };
  const requireFromDist = (id: string): unknown =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy's CommonJS requires
    require(id.startsWith('.') ? join(dist, id) : require.resolve(id, { paths: [dist] }));
  // CommonJS's own wrapper around the patched text (the installed package's own)
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- that text is not input
  const wrapper = new Function(
    '__fastLeaf',
    'exports',
    'require',
    'module',
    '__filename',
    '__dirname',
    source
      .replace(CLOSURES, DIRECT)
      .replace(ITEM_CLOSURES, ITEM_DIRECT)
      .replace(NON_NULL_LEAF, NON_NULL_LEAF_FAST)
      .replace(NULLABLE_LEAF, NULLABLE_LEAF_FAST)
      .replace(FUNCTION_BODY, FUNCTION_BODY_WITH_LEAF),
  );
  wrapper(fastLeaf, module.exports, requireFromDist, module, file, dist);
  return { ...module.exports, direct: true };
}

export const jit = loadJit();
