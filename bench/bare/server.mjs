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
 *   answers       a bare node:http server that parses each request's JSON body and answers with
 *                 JSON.stringify of the answer kept for its variables (BARE_ANSWERS: a JSON file
 *                 of [variables, answer] pairs): what serialising and sending an answer costs
 *                 with no GraphQL at all (bench/answer-bound.mjs)
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
} else if (kind === 'answers') {
  const { readFileSync } = await import('node:fs');
  const answers = new Map(
    JSON.parse(readFileSync(process.env.BARE_ANSWERS, 'utf8')).map(([variables, answer]) => [
      JSON.stringify(variables),
      answer,
    ]),
  );
  createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      // a fresh string every time, as a server that built the answer for this request would
      const text = JSON.stringify(answers.get(JSON.stringify(variables ?? {}))) + '\n';
      // encoded once (Buffer.byteLength and a write of the string would walk it twice)
      const bytes = Buffer.from(text);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': bytes.length,
      });
      res.end(bytes);
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
  console.error(`unknown kind "${kind}" (http, apollo, apollo-schema, answers)`);
  process.exit(2);
}
