import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestFromDirectory } from '../../src/core/limits/transport/manifest-cli';
import {
  loadManifest,
  ManifestCache,
  sha256,
} from '../../src/core/limits/transport/trusted-documents';

const ROOT = join(__dirname, '..', '..');

describe('Trusted documents manifest', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-manifest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should ship docs/trusted-documents.json with exactly the documented examples (npm run trusted-documents)', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'docs', 'trusted-documents.json'), 'utf8'));
    expect(shipped).toEqual(manifestFromDirectory(join(ROOT, 'docs', 'examples')));
    expect(Object.keys(shipped).length).toBeGreaterThan(0);
  });

  it('should refuse a manifest whose key is not the hash of its query', () => {
    const path = join(dir, 'forged.json');
    writeFileSync(
      path,
      JSON.stringify({ [sha256('{ sources { title } }')]: '{ sources { title url } }' }),
    );
    expect(() => loadManifest(path)).toThrow(/is not the SHA-256 of its query/);
  });

  it('should refuse a manifest that is not a JSON object', () => {
    const path = join(dir, 'list.json');
    writeFileSync(path, '["{ __typename }"]');
    expect(() => loadManifest(path)).toThrow(/must hold a JSON object/);
    expect(() => loadManifest(join(dir, 'missing.json'))).toThrow(/TRUSTED_DOCUMENTS: cannot read/);
  });

  it("should answer Apollo's persisted-query lookups from the manifest and register nothing", async () => {
    const query = '{ sources { title } }';
    const cache = new ManifestCache({ [sha256(query)]: query });
    expect(await cache.get(`apq:${sha256(query)}`)).toBe(query);
    await cache.set();
    expect(await cache.get('apq:__proto__')).toBeUndefined();
    expect(await cache.get(`apq:${sha256('{ __typename }')}`)).toBeUndefined();
  });
});
