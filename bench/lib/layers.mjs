/**
 * What each layer of the server costs `floor`: the server is started once as configured and
 * once per layer with that layer turned off (BENCH_LAYERS_OFF=<layer>, read by
 * src/core/config.ts; the layers are listed in src/core/layers.ts), and floor is measured on
 * both in interleaved rounds. A layer's cost is the share of floor's time per request it takes:
 * 1 - (req/s with it) / (req/s without it), the median over the rounds.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { rotation, slice, tally } from './load.mjs';
import { CACHE_ENV, layersOff, SERVER_ENV, startServer } from './server.mjs';

/** The layers the server can turn off, from the build (dist/core/layers.js). */
export function knownLayers(root) {
  const require = createRequire(join(root, 'package.json'));
  return require(join(root, 'dist', 'core', 'layers.js')).LAYERS;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function measureLayers({ root, prepared, options, log }) {
  const known = knownLayers(root);
  const names = options.layers.length ? options.layers : Object.keys(known);
  const unknown = names.filter((n) => !(n in known));
  if (unknown.length)
    throw new Error(
      `unknown layer(s): ${unknown.join(', ')} (known: ${Object.keys(known).join(', ')})`,
    );
  const env = { ...SERVER_ENV, ...CACHE_ENV.off };
  const rot = rotation('{ __typename }', [{}]);
  const run = (url, t = tally()) =>
    slice({ url, rot, t, seconds: options.sliceSeconds, connections: options.connections });
  const full = await startServer({
    root,
    databaseUrl: prepared.database,
    seedsDir: prepared.seeds,
    env,
  });
  const rows = [];
  try {
    for (let w = 0; w < 3; w++)
      await slice({
        url: full.url,
        rot,
        t: tally(),
        seconds: Math.max(2, options.warmSeconds),
        connections: options.connections,
      });
    for (const layer of names) {
      const without = await startServer({
        root,
        databaseUrl: prepared.database,
        seedsDir: prepared.seeds,
        env: { ...env, BENCH_LAYERS_OFF: layersOff(layer) },
      });
      try {
        log(`${prepared.scale}x layers: ${layer}`);
        // a fresh process runs unoptimised code at first: warm it as long as the full server was
        for (let w = 0; w < 3; w++)
          await slice({
            url: without.url,
            rot,
            t: tally(),
            seconds: Math.max(2, options.warmSeconds),
            connections: options.connections,
          });
        const ratios = [];
        const withRps = [];
        const withoutRps = [];
        for (let r = 0; r < options.rounds; r++) {
          const order = r % 2 === 0 ? [full, without] : [without, full];
          const rps = new Map();
          for (const server of order) {
            const res = await run(server.url);
            rps.set(server, res.requests.total / res.duration);
          }
          withRps.push(rps.get(full));
          withoutRps.push(rps.get(without));
          ratios.push(rps.get(full) / rps.get(without));
        }
        // time per request with the layer = 1/rps(full); without = 1/rps(without)
        rows.push({
          layer,
          what: known[layer],
          withRps: median(withRps),
          withoutRps: median(withoutRps),
          share: 1 - median(ratios),
          roundRatios: ratios,
        });
      } finally {
        await without.stop();
      }
    }
  } finally {
    await full.stop();
  }
  return { scale: prepared.scale, cache: 'off', rows };
}

export function layersMarkdown(meta, layers) {
  const lines = [
    `# What each layer costs \`floor\` (${layers.scale}x, response cache off)`,
    '',
    `${meta.date} · Node ${meta.node} · commit ${meta.commit}${meta.dirty ? ' (with uncommitted changes)' : ''} · load average ${meta.loadAverage.atStart.toFixed(1)} at start, ${meta.loadAverage.atEnd.toFixed(1)} at end`,
    '',
    `\`{ __typename }\` on the server as configured and on the same server with one layer off (BENCH_LAYERS_OFF), ` +
      `${meta.options.rounds} interleaved rounds of ${meta.options.sliceSeconds} s each. "share of floor's time" = 1 − (req/s with) ÷ (req/s without), ` +
      "the median over the rounds: the part of each request's time the layer takes. Negative or small figures are within the noise of a shared machine.",
    '',
    "| layer | what it is | req/s with | req/s without | share of floor's time |",
    '| --- | --- | ---: | ---: | ---: |',
    ...layers.rows.map(
      (r) =>
        `| ${r.layer} | ${r.what} | ${r.withRps.toFixed(0)} | ${r.withoutRps.toFixed(0)} | ${(r.share * 100).toFixed(1)}% |`,
    ),
    '',
  ];
  return lines.join('\n');
}
