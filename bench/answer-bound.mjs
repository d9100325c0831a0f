#!/usr/bin/env node
/**
 * `node bench/answer-bound.mjs <database> <seeds> [scenario] [rounds] [seconds]`: how close any
 * GraphQL server could come to careergraph's floor on a scenario, cache off. It asks careergraph
 * (cache off) for every variable set's answer once, then starts a bare node:http server that
 * answers each request by parsing its body and sending JSON.stringify of the kept answer (no
 * parse, validation or execution: bench/bare/server.mjs `answers`). Interleaved rounds of
 * careergraph's floor, careergraph on the scenario and the bare server on it give throughput and
 * server CPU time per request (from /proc), medians. The bare server's share of floor is an upper
 * bound on the scenario's share of floor for any server that builds and serialises the answer per
 * request. A bare node:http server sending floor's bytes gives what careergraph's own layers cost
 * floor; the last line adds that to the bare answers: the scenario's share of floor (by CPU) if
 * parsing, validating and executing it cost nothing.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotation, scenarioRotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, procCpuMs, SERVER_ENV, startBare, startServer } from './lib/server.mjs';
import { scenarioNamed } from './scenarios.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [database, seeds, scenarioName = 'nested', roundsArg = '6', secondsArg = '2.5'] =
  process.argv.slice(2);
const seconds = Number(secondsArg);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const scenario = scenarioNamed(scenarioName);

const ours = await startServer({
  root,
  databaseUrl: database,
  seedsDir: seeds,
  env: { ...SERVER_ENV, ...CACHE_ENV.off },
});
let bare;
let bareFloor;
try {
  const rot = await scenarioRotation(ours.url, scenario, root);
  const pairs = [];
  let chars = 0;
  for (const body of rot.bodies) {
    const res = await fetch(`${ours.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    chars += text.length;
    pairs.push([JSON.parse(body).variables ?? {}, JSON.parse(text)]);
  }
  const file = join(tmpdir(), `answer-bound-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(pairs));
  bare = await startBare({ root, kind: 'answers', env: { BARE_ANSWERS: file } });
  const floorBytes = await (
    await fetch(`${ours.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    })
  ).text();
  bareFloor = await startBare({ root, kind: 'http', env: { BARE_BODY: floorBytes } });
  console.log(
    `${scenario.name}: ${pairs.length} variable sets, answers ${Math.round(chars / pairs.length)} characters on average`,
  );
  const rows = [
    {
      name: 'careergraph floor',
      url: ours.url,
      pid: ours.pid,
      rot: rotation('{ __typename }', [{}]),
    },
    { name: `careergraph ${scenario.name}`, url: ours.url, pid: ours.pid, rot },
    {
      name: `bare answers ${scenario.name}`,
      url: bare.url,
      pid: bare.pid,
      rot: { ...rot, next: 0 },
    },
    {
      name: 'bare node:http floor',
      url: bareFloor.url,
      pid: bareFloor.pid,
      rot: rotation('{ __typename }', [{}]),
    },
  ].map((r) => ({ ...r, cpu: [], rps: [] }));
  for (const r of rows)
    await slice({ url: r.url, rot: r.rot, t: tally(), seconds: 2, connections: 10 });
  for (let round = 0; round < Number(roundsArg); round++)
    for (const r of round % 2 ? [...rows].reverse() : rows) {
      const before = procCpuMs(r.pid);
      const res = await slice({ url: r.url, rot: r.rot, t: tally(), seconds, connections: 10 });
      r.cpu.push((procCpuMs(r.pid) - before) / res.requests.total);
      r.rps.push(res.requests.total / seconds);
    }
  const floor = rows[0];
  const cpu = rows.map((r) => median(r.cpu));
  for (const r of rows) {
    const share = median(r.rps.map((x, i) => x / floor.rps[i]));
    console.log(
      `${median(r.cpu).toFixed(3)} ms/request  ${median(r.rps).toFixed(0)} req/s  ${(100 * share).toFixed(0)}% of floor  ${r.name}`,
    );
  }
  // careergraph's own layers cost what they cost floor (its CPU above a bare server sending the
  // same bytes); with execution free, the scenario would cost the bare answers plus that
  const best = cpu[2] + (cpu[0] - cpu[3]);
  console.log(
    `${best.toFixed(3)} ms/request  ${((100 * cpu[0]) / best).toFixed(0)}% of floor by CPU  bare answers + careergraph's layers as floor pays them (execution free)`,
  );
} finally {
  await bareFloor?.stop();
  await bare?.stop();
  await ours.stop();
}
