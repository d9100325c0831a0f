import v8 from 'node:v8';
import type { Config } from './config';

/**
 * The V8 flags the server sets for itself at start, before it reads the graph (V8 reads both
 * at every collection, so setting them at run time takes effect):
 *
 * - `--heap-growing-percent` (HEAP_GROWTH_PERCENT): each response is garbage by the next
 *   request, but under load V8 lets the old generation grow to several times what survives a full
 *   collection before collecting: 300 MB at 1x against 65 MB live. A fixed growth factor keeps
 *   the peak proportional to the graph, with no throughput lost.
 * - `--no-allocation-site-pretenuring` (unless V8_PRETENURING=true): V8 allocates straight into
 *   the old generation the objects of a place in the code whose objects nearly all survived a
 *   young collection. An answer's objects all live until it is written, so a few collections
 *   among concurrent requests decide that for the executor's answer objects (a fresh server's
 *   first requests, and the first of every query graphql-jit compiles, since each compiled query
 *   is new code), and from then on every answer is garbage in the old generation, collected by full
 *   collections only: a server whose first requests came ten at a time then spent 1.3 to 1.5
 *   times the CPU on a `nested` request of the benchmark (bench/README.md, "Twenty-second
 *   session"; `bench/cold-start.mjs` measures it).
 */
export function v8FlagsFor(config: Pick<Config, 'heapGrowthPercent' | 'pretenuring'>): string[] {
  const flags: string[] = [];
  if (config.heapGrowthPercent > 0)
    flags.push(`--heap-growing-percent=${config.heapGrowthPercent}`);
  if (!config.pretenuring) flags.push('--no-allocation-site-pretenuring');
  return flags;
}

/** Sets `v8FlagsFor(config)` on this process; returns them. */
export function applyV8Settings(
  config: Pick<Config, 'heapGrowthPercent' | 'pretenuring'>,
  setFlags: (flag: string) => void = (flag) => v8.setFlagsFromString(flag),
): string[] {
  const flags = v8FlagsFor(config);
  for (const flag of flags) setFlags(flag);
  return flags;
}
