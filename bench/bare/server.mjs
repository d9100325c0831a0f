#!/usr/bin/env node
/**
 * The yardsticks `npm run bench` measures beside careergraph, each in a process of its own on the
 * same Node, started as `node bench/bare/server.mjs <kind> <port>`:
 *
 *   http          a bare node:http server answering every request with the bytes in BARE_BODY
 *                 (the bench passes careergraph's own answer to `{ __typename }`)
 *   apollo        Apollo Server 5, startStandaloneServer, no plugins, a one-field schema
 *   apollo-schema Apollo Server 5, startStandaloneServer, no plugins, careergraph's own schema
 *                 (dist/app/schema.js) and a bare context: `{ __typename }` never reaches a resolver
 *
 * Prints `ready <url>` on stdout once listening.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));

if (kind === 'http') {
  const body = Buffer.from(process.env.BARE_BODY ?? '{"data":{"__typename":"Query"}}\n');
  createServer((req, res) => {
    // read the body as a real server must, then answer
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
      });
      res.end(body);
    });
  }).listen(port, '127.0.0.1', () => console.log(`ready http://127.0.0.1:${port}`));
} else if (kind === 'apollo' || kind === 'apollo-schema') {
  const { ApolloServer } = require('@apollo/server');
  const { startStandaloneServer } = require('@apollo/server/standalone');
  let schema;
  if (kind === 'apollo') {
    const { buildSchema } = require('graphql');
    schema = buildSchema('type Query { ok: Boolean }');
  } else {
    require('reflect-metadata');
    schema = await require(join(root, 'dist', 'app', 'schema.js')).createSchema();
  }
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  console.log(`ready ${url}`);
} else {
  console.error(`unknown kind "${kind}" (http, apollo, apollo-schema)`);
  process.exit(2);
}
