#!/usr/bin/env node
/**
 * `node bench/wake-ups.mjs [busy µs=60] [bytes=800] [rounds=3] [seconds=5]`: what a server pays
 * for waking its client, without careergraph. A bare node:http server (a child process) answers
 * every POST with `bytes` of JSON after `busy` µs of work, ending each answer at once or with the
 * event loop's turn (dist/core/http/end-together.js: run `npm run build` first); autocannon sends
 * 10 connections from this process. Rounds alternate the two; each prints req/s and the server's
 * CPU a request (user + system, and system alone, from /proc). bench/README.md, eighteenth session.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [busy = '60', bytes = '800', rounds = '3', seconds = '5'] = process.argv.slice(2);

const SERVER = `
const http = require('node:http');
const { endNow, endWithTurn } = require(${JSON.stringify(join(root, 'dist/core/http/end-together.js'))});
const end = process.env.WITH_TURN === '1' ? endWithTurn : endNow;
const busyNs = BigInt(Number(process.env.BUSY_US) * 1000);
const body = JSON.stringify({ data: { x: 'a'.repeat(Math.max(0, Number(process.env.BYTES) - 20)) } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const until = process.hrtime.bigint() + busyNs;
    while (process.hrtime.bigint() < until);
    res.setHeader('content-type', 'application/json');
    end(res, body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

/** User and system CPU of a process, ms. */
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

async function measure(withTurn) {
  const child = spawn(process.execPath, ['-e', SERVER], {
    env: { ...process.env, WITH_TURN: withTurn ? '1' : '0', BUSY_US: busy, BYTES: bytes },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(d))));
  const options = {
    url: `http://127.0.0.1:${port}/`,
    connections: 10,
    method: 'POST',
    body: '{"query":"{ __typename }"}',
    headers: { 'content-type': 'application/json' },
  };
  try {
    await autocannon({ ...options, duration: 2 }); // warm-up
    const before = cpuOf(child.pid);
    const result = await autocannon({ ...options, duration: Number(seconds) });
    const after = cpuOf(child.pid);
    const n = result.requests.total;
    const us = (ms) => ((ms * 1000) / n).toFixed(1);
    return {
      rps: Math.round(n / Number(seconds)),
      cpu: us(after.user + after.system - before.user - before.system),
      system: us(after.system - before.system),
    };
  } finally {
    child.kill();
  }
}

console.log(`busy ${busy} µs, ${bytes} bytes, 10 connections, ${seconds} s a run`);
console.log('ends        req/s  CPU µs/req  system µs/req');
for (let r = 0; r < Number(rounds); r++) {
  for (const withTurn of r % 2 ? [true, false] : [false, true]) {
    const m = await measure(withTurn);
    console.log(
      `${(withTurn ? 'with turn' : 'at once').padEnd(10)}${String(m.rps).padStart(7)}${m.cpu.padStart(12)}${m.system.padStart(15)}`,
    );
  }
}
