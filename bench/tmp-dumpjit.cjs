require('reflect-metadata');
process.env.NODE_ENV='production';
const { parse } = require('graphql');
(async () => {
  const { createSchema } = require('/work/main/dist/app/schema.js');
  const { jit } = require('/work/main/dist/core/jit-direct-calls.js');
  const { leafSerializers } = require('/work/main/dist/core/leaf-serializers.js');
  const { SCENARIOS } = await import('/work/main/bench/scenarios.mjs');
  const schema = await createSchema();
  // what the server does to the schema after building it
  try { require('/work/main/dist/core/lean-resolvers.js').leanResolvers?.(schema); } catch (e) { console.error(e.message); }
  const q = SCENARIOS.find((s) => s.name === (process.argv[2] || 'nested')).query;
  const c = jit.compileQuery(schema, parse(q), undefined, { disablingCapturingStackErrors: true, customSerializers: leafSerializers(schema), debug: true });
  console.log(c.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation);
})();
