#!/usr/bin/env node
/**
 * `[MAXAGE=60] node bench/inproc-nested.mjs <root> [n] [database]`: bench/inproc.mjs for `nested`,
 * with HTTP_CACHE_MAX_AGE 60 unless MAXAGE says otherwise (the deployed default, where Apollo's
 * cache-control once wrapped every field), kept for the commands bench/README.md records.
 */
const [root, n, database] = process.argv.slice(2);
process.env.MAXAGE ??= '60';
process.argv.splice(2, Infinity, root, 'nested', n ?? '1500', ...(database ? [database] : []));
await import('./inproc.mjs');
