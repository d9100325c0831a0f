import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedSet } from '../../src/seeding/format';
import { readSeeds } from '../../src/seeding/read';
import { checkReferences } from '../../src/seeding/references';
import { countRecords, synthesize, writeSyntheticSeeds } from '../../src/seeding/synthetic';
import { SEEDS_DIR } from '../support/server';

describe('Synthetic graph', () => {
  const real = readSeeds(SEEDS_DIR).set;
  const realCounts = countRecords(real);
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-synthetic-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should be N times the real graph in roles, levels, transitions, skills, employers, bands and citations', () => {
    const manifest = writeSyntheticSeeds(SEEDS_DIR, join(dir, 'x3'), { scale: 3, seed: 7 });
    const { set } = readSeeds(join(dir, 'x3'));
    const counts = countRecords(set);
    for (const key of [
      'roles',
      'levels',
      'transitions',
      'salaryBands',
      'skills',
      'employers',
      'sectors',
      'insights',
      'citations',
    ]) {
      expect([key, counts[key]]).toEqual([key, 3 * realCounts[key]]);
    }
    expect(manifest.counts).toEqual(counts);
  });

  it('should pass the checks the seed loader makes (formats, unique slugs, references)', () => {
    const { set, origins } = readSeeds(join(dir, 'x3'));
    expect(() => checkReferences(set, origins)).not.toThrow();
  });

  it('should give the same graph for the same seed and another for another seed', () => {
    const again = synthesize(real, { scale: 3, seed: 7 });
    expect(synthesize(real, { scale: 3, seed: 7 })).toEqual(again);
    expect(synthesize(real, { scale: 3, seed: 8 })).not.toEqual(again);
  });

  it('should keep the real graph as it is, as copy 0', () => {
    const copied = readFileSync(join(dir, 'x3', 'real', 'roles', 'backend-developer.yaml'), 'utf8');
    expect(copied).toBe(readFileSync(join(SEEDS_DIR, 'roles', 'backend-developer.yaml'), 'utf8'));
  });

  it('should join the copies to the real graph with transitions both ways', () => {
    const realLevels = new Set(real.roles.flatMap((r) => r.levels.map((l) => l.slug)));
    const copies = synthesize(real, { scale: 10, seed: 1 });
    const transitions = copies.flatMap((c) =>
      (c.doc as unknown as SeedSet).roles.flatMap((r) => r.transitions),
    );
    expect(transitions.some((t) => realLevels.has(t.from) && !realLevels.has(t.to))).toBe(true);
    expect(transitions.some((t) => !realLevels.has(t.from) && realLevels.has(t.to))).toBe(true);
  });

  it('should refuse to replace a directory it did not write', () => {
    const precious = join(dir, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    expect(() => writeSyntheticSeeds(SEEDS_DIR, precious, { scale: 2, seed: 1 })).toThrow(
      /not written by seed:synthetic/,
    );
    expect(readFileSync(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});
