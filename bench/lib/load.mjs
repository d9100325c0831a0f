/**
 * One slice of load: autocannon on loopback for a fixed time, one worker (the default: it runs
 * in this process), rotating through a scenario's variable sets request by request.
 */
import autocannon from 'autocannon';
import { DISCOVERY, realGraph } from '../scenarios.mjs';
import { graphql } from './server.mjs';

/**
 * A scenario's request bodies and the position of the next one. Shared by all the slices of a
 * scenario, so the rotation carries on from one slice to the next.
 */
export function rotation(query, variableSets) {
  return { bodies: variableSets.map((variables) => JSON.stringify({ query, variables })), next: 0 };
}

/**
 * The rotation of `scenario`'s variable sets for the server at `url`: its role cursors found there
 * (DISCOVERY), the real graph's slugs read from `root`.
 */
export async function scenarioRotation(url, scenario, root) {
  const discovered = await graphql(url, DISCOVERY);
  const cursors = discovered.body.data.roles.edges.map((e) => e.cursor);
  return rotation(scenario.query, scenario.variables({ ...realGraph(root), cursors }));
}

/**
 * A tally of what a scenario's responses said: latencies (ms) of every response, and from one
 * response in `sampleEvery`, its SQL statement count and any GraphQL errors.
 */
export function tally(sampleEvery = 5) {
  return {
    latencies: [],
    responses: 0,
    seconds: 0,
    non2xx: 0,
    transportErrors: 0,
    sampled: 0,
    sql: [],
    cached: 0,
    graphqlErrors: 0,
    firstError: null,
    sampleEvery,
  };
}

/** Runs `seconds` of load against `url`/graphql with bodies from `rot`, adding to `t`; `rate` caps requests per second. */
export async function slice({ url, rot, t, seconds, connections, rate }) {
  let seen = 0;
  const instance = autocannon({
    url: `${url}/graphql`,
    connections,
    ...(rate ? { overallRate: rate } : {}),
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          req.body = rot.bodies[rot.next % rot.bodies.length];
          rot.next += 1;
          return req;
        },
        onResponse: (status, body) => {
          seen += 1;
          if (seen % t.sampleEvery !== 0) return;
          t.sampled += 1;
          try {
            const parsed = JSON.parse(body);
            const n = parsed.extensions?.sqlStatements;
            if (typeof n === 'number') t.sql.push(n);
            else t.cached += 1; // a response without the count did not run the resolvers (cache)
            if (parsed.errors?.length) {
              t.graphqlErrors += 1;
              t.firstError ??= parsed.errors[0].message;
            }
          } catch {
            t.graphqlErrors += 1;
            t.firstError ??= `unparseable body (status ${status})`;
          }
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    t.latencies.push(responseTime);
    if (status < 200 || status >= 300) t.non2xx += 1;
  });
  const result = await instance;
  t.responses += result.requests.total;
  t.seconds += result.duration;
  t.transportErrors += result.errors + result.timeouts;
  return result;
}

/** The q-quantile (0..1) of a list of numbers, nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Summary figures of a tally. */
export function summarise(t) {
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    rps: t.seconds > 0 ? t.responses / t.seconds : 0,
    requests: t.responses,
    seconds: t.seconds,
    p50Ms: quantile(t.latencies, 0.5),
    p99Ms: quantile(t.latencies, 0.99),
    maxMs: t.latencies.length ? t.latencies.reduce((a, b) => (b > a ? b : a), 0) : null,
    non2xx: t.non2xx,
    transportErrors: t.transportErrors,
    graphqlErrors: t.graphqlErrors,
    firstError: t.firstError,
    sql: {
      sampled: t.sampled,
      mean: mean(t.sql),
      min: t.sql.length ? t.sql.reduce((a, b) => Math.min(a, b)) : null,
      max: t.sql.length ? t.sql.reduce((a, b) => Math.max(a, b)) : null,
      withoutCount: t.cached,
    },
  };
}
