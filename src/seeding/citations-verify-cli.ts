import { resolve } from 'node:path';
import { verifyCitations } from './citations';

/** `npm run citations:verify -- --sources DIR [--seeds DIR]`: checks every citation's anchor against the documents in DIR. */
function main(): void {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > -1 ? process.argv[at + 1] : undefined;
  };
  const sources = arg('--sources');
  if (!sources) {
    console.error('usage: npm run citations:verify -- --sources DIR [--seeds DIR]');
    process.exit(2);
  }
  const seeds = arg('--seeds') ?? 'seeds';
  const { checked, problems } = verifyCitations(resolve(seeds), resolve(sources));
  if (problems.length) {
    console.error(
      `${problems.length} citation problem(s) in ${checked} citations:\n  ${problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(
    `${checked} citations checked against ${resolve(sources)}: every span exists, hashes to its anchor and lies in its section`,
  );
}

main();
