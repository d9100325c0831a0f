import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256, TrustedManifest } from './trusted-documents';

/** Builds a trusted-documents manifest from every `*.graphql` file of a directory, by file name. */
export function manifestFromDirectory(dir: string): TrustedManifest {
  const manifest: TrustedManifest = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const query = readFileSync(join(dir, file), 'utf8');
    manifest[sha256(query)] = query;
  }
  return manifest;
}

/** `npm run trusted-documents -- [DIR] [--out FILE]`: writes the manifest TRUSTED_DOCUMENTS reads. */
function main(args: string[]): void {
  const outAt = args.indexOf('--out');
  const out = outAt > -1 ? args[outAt + 1] : 'docs/trusted-documents.json';
  const dir = args.find((a, i) => !a.startsWith('--') && i !== outAt + 1) ?? 'docs/examples';
  const manifest = manifestFromDirectory(dir);
  writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${Object.keys(manifest).length} trusted operation(s) from ${dir} to ${out}`);
}

if (require.main === module) main(process.argv.slice(2));
