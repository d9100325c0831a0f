import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { exportGraph } from '../../src/seeding/export';
import { SeedError } from '../../src/seeding/read';
import { readCitations } from '../../src/seeding/citations';
import { TestServer } from '../support/server';

/** Every file under `dir`, by relative path, with its text. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const TABLES = [
  'sources',
  'roles',
  'role_levels',
  'skills',
  'skill_requirements',
  'career_transitions',
  'transition_skills',
  'certifications',
  'certification_skills',
  'credentials',
  'employers',
  'employer_sectors',
  'employer_roles',
  'salary_bands',
  'job_outlooks',
  'insights',
  'insight_levels',
  'internship_kinds',
  'advancement_paths',
  'salary_factors',
  'citations',
  'occupations',
  'role_occupations',
  'wage_statistics',
  'certification_lifecycles',
];

describe('Export and import', () => {
  it('should round-trip the whole graph: export, load into an empty database, export again, identical', async () => {
    const original = await TestServer.start();
    const copy = await TestServer.start({ seedsDir: null });
    try {
      const first = mkdtempSync(join(tmpdir(), 'careergraph-export-'));
      const report = await exportGraph(original.db, first);
      expect(report.records).toBeGreaterThan(150);
      await loadSeedDirectory(copy.db, first);
      const second = mkdtempSync(join(tmpdir(), 'careergraph-export-'));
      await exportGraph(copy.db, second);
      expect(readTree(second)).toEqual(readTree(first));
      // every citation anchor and each source's hash and outline survive the trip
      const anchors = (dir: string) => {
        const { sources, citations } = readCitations(dir);
        return {
          sources,
          citations: citations.map((c) => JSON.stringify([c.source, c.section, c.span])).sort(),
        };
      };
      const seeded = anchors(join(__dirname, '../../seeds'));
      expect(seeded.citations.filter((c) => c.includes('sha256')).length).toBeGreaterThan(500);
      expect(anchors(second)).toEqual(seeded);
      // and so does every quantity's qualifiers, an unknown region staying unknown
      const [role] = parse(
        readFileSync(join(second, 'roles', 'backend-developer.yaml'), 'utf8'),
      ).roles;
      const band = (slug: string) =>
        role.salaryBands.find((b: { slug: string }) => b.slug === slug);
      expect(band('backend-developer-us-top-performers')).toEqual(
        expect.objectContaining({ min: 200000, minQualifier: 'ABOUT', orMore: true }),
      );
      expect(band('backend-developer-us-average-range').region).toBeUndefined();
      expect(role.levels[2].yearsOfExperience).toEqual({ min: 5, minQualifier: 'MORE_THAN' });
      expect(role.skills.find((r: { skill: string }) => r.skill === 'python')).toEqual(
        expect.objectContaining({ group: 'first-language', rationale: expect.any(String) }),
      );
      expect(role.transitions[0].typicalYears).toEqual({
        min: 1,
        max: 2,
        minQualifier: 'ABOUT',
        maxQualifier: 'ABOUT',
      });
      // whom a figure is about, what it measures and the basis of each field (issue 14 items 4 and 8)
      expect(band('backend-developer-us-experienced')).toEqual(
        expect.objectContaining({
          appliesTo: 'experienced developers',
          topic: 'pay with experience',
        }),
      );
      expect(band('backend-developer-us-experienced').level).toBeUndefined();
      expect(band('backend-developer-us-entry-level').provenance).toEqual([
        {
          field: 'level',
          values: ['junior-backend-developer'],
          basis: 'EDITORIAL',
          rationale: expect.stringContaining('entry-level roles'),
        },
        {
          field: 'region',
          basis: 'EDITORIAL',
          rationale: expect.stringContaining('names no place'),
        },
      ]);
      const seededCerts = parse(
        readFileSync(join(__dirname, '../../seeds/certifications.yaml'), 'utf8'),
      ).certifications;
      const exportedCerts = readdirSync(second)
        .filter((f) => f.endsWith('.yaml'))
        .flatMap((f) => parse(readFileSync(join(second, f), 'utf8'))?.certifications ?? []);
      for (const c of seededCerts)
        expect(exportedCerts.find((e: { slug: string }) => e.slug === c.slug).provenance).toEqual(
          c.provenance,
        );
      const provenance = `{ certifications(first: 50) { nodes { slug provenance { field values basis rationale citations { section span { start end sha256 } } } } }
        credentials(first: 50) { nodes { slug provenance { field values basis rationale citations { source { slug } span { sha256 } } } } }
        role(slug: "backend-developer") { salaryFigures { topic agree note figures { slug appliesTo amountBasis provenance { field basis rationale } } } } }`;
      const served = await original.data(provenance);
      expect(
        served.credentials.nodes.every((c: { provenance: unknown[] }) => c.provenance.length > 0),
      ).toBe(true);
      expect(await copy.data(provenance)).toEqual(served);
      for (const table of TABLES) {
        const count = async (server: TestServer) =>
          Number((await server.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
        expect([table, await count(copy)]).toEqual([table, await count(original)]);
      }
      const query = `{ careerPaths(from: "junior-backend-developer", to: "engineering-manager", first: 5) { typicalYears { min max } steps { to { slug } } } search(query: "docker kubernetes") { score node { id } } }`;
      expect(await copy.data(query)).toEqual(await original.data(query));
    } finally {
      await original.stop();
      await copy.stop();
    }
  }, 90_000); // two servers, two exports and a full load: on PostgreSQL on a busy machine this passes 30 s

  it('should refuse to export a record that breaks the rules seed files and the API share, naming file, record and field', async () => {
    const server = await TestServer.start();
    try {
      // written behind the API's back (as an older, laxer loader could have)
      await server.db.query(`UPDATE skills SET name = '${'N'.repeat(201)}' WHERE slug = 'docker'`);
      const dir = mkdtempSync(join(tmpdir(), 'careergraph-export-'));
      const refused = await exportGraph(server.db, dir).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(SeedError);
      expect((refused as Error).message).toMatch(
        /^export refused, nothing was written:\n  skills\.yaml: skills\[\d+\] \(docker\)\.name: name must be shorter than or equal to 200 characters$/,
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
