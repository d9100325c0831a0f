// Preloaded into a server under test (node --expose-gc -r tests/support/heap-probe.cjs dist/main.js):
// on SIGUSR2 it collects garbage fully and prints one JSON line with what is still held, so a
// test reads the memory an attack left behind rather than garbage not yet collected.
process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ msg: 'heap probe', heapUsed, rss, at: Date.now() })}\n`);
});
