/**
 * The `write` scenario: single-record curation writes (a sector's description, as an editor
 * would change it) one after another, alone and while reads run alongside, and reads alone for
 * comparison. Reports write latency p50/p99 and the reads' p99 with and without the writes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { quantile, rotation, slice, summarise, tally } from './load.mjs';
import { runNode } from './server.mjs';

/** The kinds a writer can describe anew: `sector` (the `write` scenario's) or `skill`. */
const queries = (kind) => ({
  version: `query Version($slug: String!) { ${kind}(slug: $slug) { version } }`,
  update: `mutation Write($slug: String!, $version: Int!, $description: String!) {
    ${kind}Update(input: { slug: $slug, version: $version, changes: { description: $description } }) {
      ${kind} { version }
    }
  }`,
});

/** Creates an editor key in the database the server serves, with the built CLI (`npm run keys`). */
export async function editorKey(root, databaseUrl) {
  const out = await runNode(
    ['dist/app/keys-cli.js', 'create', '--role', 'editor', '--name', 'bench writer'],
    { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    root,
  );
  return out.trim().split('\n').pop().trim();
}

async function post(url, query, variables, key) {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  return { ms: performance.now() - started, status: res.status, body };
}

/**
 * A writer over `slugs` (the real graph's sectors, or skills with `kind` 'skill'), each write one
 * record's description; it keeps each record's version from the previous answer, so every write
 * is accepted unless the server refuses it (pushed to `failures`; its latency still counts).
 */
export function writer(url, key, slugs, failures = [], kind = 'sector') {
  const { version: VERSION, update: UPDATE } = queries(kind);
  const versions = new Map();
  let n = 0;
  return async function write() {
    const slug = slugs[n % slugs.length];
    n += 1;
    if (!versions.has(slug)) {
      const { body } = await post(url, VERSION, { slug });
      versions.set(slug, body.data[kind].version);
    }
    const description = `Described by the benchmark's writer, write ${n} (${new Date().toISOString()}).`;
    const { ms, status, body } = await post(
      url,
      UPDATE,
      { slug, version: versions.get(slug), description },
      key,
    );
    if (status !== 200 || body.errors) {
      // refused (a deadline passed, say): counted, and the sector's version read again
      failures.push(`HTTP ${status} ${JSON.stringify(body.errors ?? body).slice(0, 200)}`);
      versions.delete(slug);
    } else versions.set(slug, body.data[`${kind}Update`][kind].version);
    return ms;
  };
}

/**
 * The read scenarios' requests mixed request by request (each plan's first variable set, then
 * each one's second, and so on), each with its scenario's name.
 */
export function readMix(readPlans) {
  const mix = [];
  const longest = Math.max(...readPlans.map((p) => p.variableSets.length));
  for (let i = 0; i < longest; i++) {
    for (const plan of readPlans)
      if (i < plan.variableSets.length)
        mix.push({
          name: plan.scenario.name,
          body: rotation(plan.scenario.query, [plan.variableSets[i]]).bodies[0],
        });
  }
  return mix;
}

/**
 * Runs `write` once every `intervalMs` (back to back when one takes longer), telling `onWrite`
 * each one's latency and start, until the function returned is called (it resolves once the write
 * under way is done).
 */
export function writeStream(write, intervalMs, onWrite) {
  let on = true;
  const done = (async () => {
    while (on) {
      const started = performance.now();
      onWrite(await write(), started);
      const rest = intervalMs - (performance.now() - started);
      if (rest > 0 && on) await sleep(rest);
    }
  })();
  return () => {
    on = false;
    return done;
  };
}

const latencyFigures = (ms) => ({
  writes: ms.length,
  p50Ms: quantile(ms, 0.5),
  p99Ms: quantile(ms, 0.99),
  maxMs: ms.length ? Math.max(...ms) : null,
});

/**
 * Measures the scenario: `writes` writes one after another with nothing else running, then
 * `rounds` rounds of a slice of reads alone and a slice of reads with a steady stream of writes
 * (one every `intervalMs`, or back to back when a write takes longer), interleaved so that
 * drift of a shared machine hits both alike. `readPlans` are the read scenarios mixed, request
 * by request, as the reads running alongside, at `readRate` requests a second (below the
 * server's ceiling: at saturation a read's latency is mostly its wait in the queue). autocannon's
 * `overallRate` sends each second's share back to back at the start of the second, so the reads
 * come in bursts (bench/README.md, "Scenarios", on `write`).
 */
export async function measureWrites({
  url,
  key,
  slugs,
  readPlans,
  rounds,
  sliceSeconds,
  connections,
  writes = 30,
  intervalMs = 200,
  readRate = 100,
}) {
  const failures = [];
  const write = writer(url, key, slugs, failures);
  for (let i = 0; i < 3; i++) await write(); // warm-up: compiled documents, first re-reads

  const alone = [];
  for (let i = 0; i < writes; i++) alone.push(await write());

  const rot = { bodies: readMix(readPlans).map((read) => read.body), next: 0 };
  const readsAlone = tally();
  const readsWithWrites = tally();
  const underLoad = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['alone', 'writing'] : ['writing', 'alone'];
    for (const which of order) {
      if (which === 'alone') {
        // unmeasured first: the reads that catch up with the last write belong to the writes
        for (const plan of readPlans) await post(url, plan.scenario.query, plan.variableSets[0]);
        await slice({ url, rot, t: tally(), seconds: 0.5, connections, rate: readRate });
        await slice({
          url,
          rot,
          t: readsAlone,
          seconds: sliceSeconds,
          connections,
          rate: readRate,
        });
        continue;
      }
      const stop = writeStream(write, intervalMs, (ms) => underLoad.push(ms));
      await slice({
        url,
        rot,
        t: readsWithWrites,
        seconds: sliceSeconds,
        connections,
        rate: readRate,
      });
      await stop();
    }
  }
  const a = summarise(readsAlone);
  const w = summarise(readsWithWrites);
  const errors = (s) => s.non2xx + s.transportErrors + s.graphqlErrors;
  return {
    writesAlone: latencyFigures(alone),
    writesUnderLoad: latencyFigures(underLoad),
    readsAlone: {
      rps: a.rps,
      p50Ms: a.p50Ms,
      p99Ms: a.p99Ms,
      maxMs: a.maxMs,
      errors: errors(a),
      firstError: a.firstError,
    },
    readsWithWrites: {
      rps: w.rps,
      p50Ms: w.p50Ms,
      p99Ms: w.p99Ms,
      maxMs: w.maxMs,
      errors: errors(w),
      firstError: w.firstError,
    },
    readP99Ratio: a.p99Ms > 0 ? w.p99Ms / a.p99Ms : null,
    failedWrites: failures.length,
    firstWriteFailure: failures[0] ?? null,
    readScenarios: readPlans.map((p) => p.scenario.name),
    intervalMs,
    readRate,
  };
}
