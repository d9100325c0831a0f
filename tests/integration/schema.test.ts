import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { schemaSdl } from '../../src/app/schema';
import { TestServer } from '../support/server';

const ROOT = join(__dirname, '..', '..');
// the repository's copy of the public contract; .ci/run holds it to ../shared/contract
const CONTRACT_CHECK = join(ROOT, 'schema', 'contract', 'check.mjs');

/** Runs the contract check on an SDL file; returns its output, throwing when it fails. */
function contractCheck(file: string): string {
  return execFileSync('node', [CONTRACT_CHECK, file], { cwd: ROOT, encoding: 'utf8' });
}

describe('Schema file', () => {
  it('should match what the code emits, byte for byte (run `npm run schema:emit`)', async () => {
    const committed = readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf8');
    expect(await schemaSdl()).toBe(committed);
  });

  it('should match what the server serves by introspection', async () => {
    const server = await TestServer.start({ seedsDir: null });
    try {
      const { data } = await server.run(
        getIntrospectionQuery({ specifiedByUrl: true, descriptions: true }),
      );
      const served = `${printSchema(lexicographicSortSchema(buildClientSchema(data)))}\n`;
      const committed = readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf8');
      expect(served).toBe(committed);
      const file = join(mkdtempSync(join(tmpdir(), 'careergraph-schema-')), 'served.graphql');
      writeFileSync(file, served);
      expect(contractCheck(file)).toMatch(/^0 breaking change/m);
    } finally {
      await server.stop();
    }
  });

  it('should keep the public contract', () => {
    expect(contractCheck('schema/schema.graphql')).toMatch(/^0 breaking change/m);
  });
});
