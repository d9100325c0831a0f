import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpawnedServer } from '../support/spawned-server';

/**
 * Requests anyone can send, nearly free to make, that once made the server keep what they
 * carried: unique documents, long operation names, large list-sizing variables, deep nesting.
 * Against the built server under a fixed heap, each attack must leave it alive and holding less
 * than GROWTH_BOUND more than before, measured after a full garbage collection.
 */
const HEAP_CAP_MB = 320;
const GROWTH_BOUND = 100 * 1024 * 1024;
/** Ports of this helper's range (32000-32999), one per server so a slow exit never collides. */
let nextPort = 32100 + (process.pid % 100) * 5;
const MB = (bytes: number) => Math.round(bytes / 1024 / 1024);
const BIG = 900 * 1024;
/** Longest an attack may take: a server that cannot keep up within it has failed anyway. */
const ATTACK_MS = 25_000;

describe('Memory under attacker-chosen input', () => {
  let dir: string;
  let server: SpawnedServer;
  let baseline: { heapUsed: number; rss: number };
  const figures: string[] = [];

  /** What the server holds after a full GC (tests/support/heap-probe.cjs). */
  async function probe(): Promise<{ heapUsed: number; rss: number }> {
    const since = server.logs.length;
    server.child.kill('SIGUSR2');
    const line = await server.waitForLog(
      (l) => l.msg === 'heap probe' && server.logs.indexOf(l) >= since,
      20_000,
    );
    return { heapUsed: line.heapUsed as number, rss: line.rss as number };
  }

  /**
   * Sends `count` requests made by `body(i)`, `parallel` at a time, for at most ATTACK_MS (a
   * server thrashing at its heap cap answers too slowly to finish); counts the outcomes.
   */
  async function flood(
    count: number,
    parallel: number,
    body: (i: number) => string,
  ): Promise<Map<string, number>> {
    const outcomes = new Map<string, number>();
    const until = Date.now() + ATTACK_MS;
    let next = 0;
    const worker = async () => {
      while (next < count && server.alive) {
        if (Date.now() > until) {
          outcomes.set('not sent: out of time', count - next);
          next = count;
          break;
        }
        const i = next++;
        let outcome: string;
        try {
          const res = await fetch(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: body(i),
            signal: AbortSignal.timeout(10_000),
          });
          const reply = (await res.json().catch(() => null)) as any;
          outcome = `${res.status} ${reply?.errors?.[0]?.extensions?.code ?? 'ok'}`;
        } catch (err) {
          outcome = (err as Error).name === 'TimeoutError' ? 'no answer in 10 s' : 'no answer';
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return outcomes;
  }

  /** Records an attack's figures and checks the server survived it within the bound. */
  async function judge(attack: string, outcomes: Map<string, number>) {
    const alive = server.alive;
    const after = alive ? await probe() : null;
    const growth = after ? after.heapUsed - baseline.heapUsed : NaN;
    figures.push(
      `${attack}: ${alive ? `alive, heap +${MB(growth)} MB (rss +${MB(after!.rss - baseline.rss)} MB)` : 'DEAD'}; answers ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(alive).toBe(true);
    expect(growth).toBeLessThan(GROWTH_BOUND);
  }

  // one server takes every attack in turn: what each leaves behind adds up, and the sum is bounded
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-memory-'));
    server = await SpawnedServer.start(
      // LOG_LEVEL=warn: a line per request would be most of what the attack costs
      {
        DATABASE_URL: `sqlite:${join(dir, 'memory.sqlite')}`,
        RATE_LIMIT_POINTS: '0',
        LOG_LEVEL: 'warn',
        PORT: String(nextPort++),
      },
      {
        nodeArgs: [
          `--max-old-space-size=${HEAP_CAP_MB}`,
          '--expose-gc',
          '-r',
          join(__dirname, '..', 'support', 'heap-probe.cjs'),
        ],
      },
    );
    // warm up what every request builds once (the graph's tables, the search index)
    await flood(50, 4, (i) =>
      JSON.stringify({
        query: `{ skill(slug: "go") { name } search(query: "go") { score } w${i % 5}: roles(first: 5) { totalCount } }`,
      }),
    );
    baseline = await probe();
  }, 60_000);

  afterAll(async () => {
    console.log(
      `memory attacks (heap cap ${HEAP_CAP_MB} MB, baseline heap ${MB(baseline?.heapUsed ?? 0)} MB; growth is since the start):\n${figures.join('\n')}`,
    );
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should not keep the list-sizing variables of three documents (900 KB ids each)', async () => {
    const outcomes = await flood(120, 4, (i) =>
      JSON.stringify({
        query: `query Sized${i % 3}($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
        variables: { ids: [`${i}-${'x'.repeat(BIG)}`] },
      }),
    );
    await judge('cost memo, 120 requests with 900 KB ids over 3 documents', outcomes);
  }, 60_000);

  it('should not keep long operation names (120 requests with 900 KB names)', async () => {
    const outcomes = await flood(120, 4, (i) => {
      const name = `N${i}_${'n'.repeat(BIG)}`;
      return JSON.stringify({ query: `query ${name} { __typename }` });
    });
    await judge('compiled-query cache, 120 requests with 900 KB operation names', outcomes);
  }, 60_000);

  it('should keep a bounded number of unique documents (1,000 of 2,400 tokens each)', async () => {
    // a parsed document holds about 100 bytes per character of its text (every token is kept):
    // documents near the token limit fill memory fastest; skipped, they cost nothing to run
    const salt = randomBytes(3).toString('hex');
    const selection =
      'levels { name salaryBands { min max currency } skills { importance skill { name slug category } } }';
    const outcomes = await flood(1000, 8, (i) =>
      JSON.stringify({
        query: `query U${salt}_${i} { ${Array.from({ length: 30 }, (_, k) => `a${k}: role(slug: "r${i}") @skip(if: true) { name ${selection} }`).join(' ')} }`,
      }),
    );
    await judge('document store, 1,000 unique documents of 2,400 tokens', outcomes);
  }, 60_000);

  it('should keep a bounded number of compiled queries (150 large documents, each sent twice)', async () => {
    // the second sighting compiles a document (1.7 MB of generated code and closures for this
    // one); the variables differ so that the response cache does not answer the second
    const salt = randomBytes(3).toString('hex');
    const selection =
      'levels { name salaryBands { min max currency } skills { importance skill { name slug category } } }';
    const outcomes = await flood(300, 4, (i) => {
      const n = Math.floor(i / 2);
      return JSON.stringify({
        query: `query C${salt}_${n}($s: String!) { ${Array.from({ length: 30 }, (_, k) => `a${k}: role(slug: $s) { name ${selection} }`).join(' ')} }`,
        variables: { s: `none-${i}` },
      });
    });
    await judge('compiled queries, 150 large documents sent twice', outcomes);
  }, 60_000);

  it('should refuse variables nested 6,000 deep as BAD_USER_INPUT, not answer 500', async () => {
    // written out by hand: JSON.stringify itself recurses, and gives up near this depth
    const deep = `{"ids":${'['.repeat(6000)}${']'.repeat(6000)}}`;
    const query = JSON.stringify('query Deep($ids: [ID!]!) { nodes(ids: $ids) { id } }');
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${query},"variables":${deep}}`,
    });
    const reply = (await res.json()) as any;
    figures.push(
      `variables nested 6,000 deep: ${res.status} ${reply.errors?.[0]?.extensions?.code}`,
    );
    expect(res.status).toBe(400);
    expect(reply.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(server.alive).toBe(true);
  });
});
