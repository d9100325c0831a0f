import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { SeedError } from '../../src/seeding/read';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { openPrepared, SEEDS_DIR } from '../support/server';

const TABLES = [
  'roles',
  'role_levels',
  'skills',
  'skill_requirements',
  'career_transitions',
  'salary_bands',
  'citations',
  'employers',
  'employer_sectors',
  'insights',
];

/** Every row of the tables that matter, to compare a database before and after. */
async function snapshot(db: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await db.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return out;
}

async function refusal(db: DataSource, dir: string): Promise<string> {
  try {
    await loadSeedDirectory(db, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    return (err as Error).message;
  }
  throw new Error('the load was expected to be refused');
}

describe('Seed loader', () => {
  let db: DataSource;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ db, close } = await openPrepared('seeding', null));
  });
  afterEach(() => close());

  it('should load the real seeds, and write nothing on a second run', async () => {
    const first = await loadSeedDirectory(db, SEEDS_DIR);
    expect(first.inserted).toBeGreaterThan(500);
    const before = await snapshot(db);
    expect(await loadSeedDirectory(db, SEEDS_DIR)).toMatchObject({
      inserted: 0,
      updated: 0,
      deleted: 0,
      applied: 0,
      conflicts: [],
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('should apply just the change of an edited file', async () => {
    // seeded from seeds/ already (the run's template): the load under test is the edited one
    const seeded = await openPrepared('seeding-edit', SEEDS_DIR);
    const db = seeded.db;
    const dir = copyOfSeeds();
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /yearsInLevel:\s*\{\s*min:\s*2,\s*max:\s*4\b/,
      'yearsInLevel: { min: 2, max: 5',
    );
    const report = await loadSeedDirectory(db, dir);
    expect(report).toMatchObject({
      inserted: 0,
      updated: 1,
      deleted: 0,
      applied: 1,
      kept: 0,
      conflicts: [],
    });
    const [level] = await db.query(
      "SELECT years_in_level_max FROM role_levels WHERE slug = 'mid-level-backend-developer'",
    );
    expect(level.years_in_level_max).toBe(5);
    rmSync(dir, { recursive: true, force: true });
    await seeded.close();
  });

  it('should keep two citations of one section, write nothing on a second run, and drop one removed from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-mini-'));
    const file = (cite: string) => `
sources: [{ slug: s, title: S }]
skills:
  - { slug: a, name: A, category: TOOL, description: d, cite: [${cite}] }
`;
    const span = (start: number, end: number) =>
      `{ source: s, section: X, span: { start: ${start}, end: ${end}, sha256: ${'a'.repeat(64)} } }`;
    const first = span(10, 20);
    const second = span(40, 55);
    const spans = async () =>
      (await db.query('SELECT span_start, span_end FROM citations ORDER BY position')).map(
        (r: { span_start: number; span_end: number }) => [r.span_start, r.span_end],
      );
    writeFileSync(join(dir, 'all.yaml'), file(`${first}, ${second}`));
    await loadSeedDirectory(db, dir);
    expect(await spans()).toEqual([
      [10, 20],
      [40, 55],
    ]);
    expect(await loadSeedDirectory(db, dir)).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    writeFileSync(join(dir, 'all.yaml'), file(second));
    expect(await loadSeedDirectory(db, dir)).toMatchObject({ applied: 1 });
    expect(await spans()).toEqual([[40, 55]]);
    // a second row in the same place (as an older loader could leave) goes when the file changes
    await db.query(
      'INSERT INTO citations (subject_type, subject_id, source_id, section, position) SELECT subject_type, subject_id, source_id, section, position FROM citations',
    );
    writeFileSync(join(dir, 'all.yaml'), file(first));
    expect(await loadSeedDirectory(db, dir)).toMatchObject({ applied: 1, deleted: 1 });
    expect(await spans()).toEqual([[10, 20]]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should remove a requirement deleted from a role file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-mini-'));
    const file = (skills: string) => `
sources: [{ slug: s, title: S }]
skills:
  - { slug: a, name: A, category: TOOL, description: d, cite: [{ source: s, section: X }] }
  - { slug: b, name: B, category: TOOL, description: d, cite: [{ source: s, section: X }] }
roles:
  - slug: r
    name: R
    summary: s
    skills: ${skills}
    cite: [{ source: s, section: X }]
`;
    writeFileSync(
      join(dir, 'all.yaml'),
      file('[{ skill: a, importance: REQUIRED }, { skill: b, importance: OPTIONAL }]'),
    );
    await loadSeedDirectory(db, dir);
    writeFileSync(join(dir, 'all.yaml'), file('[{ skill: a, importance: REQUIRED }]'));
    expect(await loadSeedDirectory(db, dir)).toMatchObject({
      inserted: 0,
      updated: 0,
      deleted: 1,
      applied: 1,
    });
    const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM skill_requirements');
    expect(Number(n)).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('Seed loader with a broken file (a seeded database)', () => {
  let db: DataSource;
  let close: () => Promise<void>;
  let before: Record<string, unknown[]>;
  let dir: string;

  beforeEach(async () => {
    ({ db, close } = await openPrepared('seeding', SEEDS_DIR));
    before = await snapshot(db);
    dir = copyOfSeeds();
    // a valid change elsewhere, which must not land either
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /yearsInLevel:\s*\{\s*min:\s*1,\s*max:\s*2\b/,
      'yearsInLevel: { min: 1, max: 3',
    );
  });
  afterEach(async () => {
    expect(await snapshot(db)).toEqual(before);
    rmSync(dir, { recursive: true, force: true });
    await close();
  });

  it('should name the file, record and field of a bad value', async () => {
    editSeed(dir, 'roles/backend-developer.yaml', /currency: USD/, 'currency: dollars');
    const message = await refusal(db, dir);
    expect(message).toMatch(
      /roles\/backend-developer\.yaml: roles\[0\] \(backend-developer\)\.salaryBands\[\d+\]\.currency: currency must be an ISO 4217 code/,
    );
  });

  it('should refuse a range whose max is below its min', async () => {
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /yearsInLevel:\s*\{\s*min:\s*2,\s*max:\s*4\b/,
      'yearsInLevel: { min: 4, max: 2',
    );
    expect(await refusal(db, dir)).toMatch(
      /levels\[1\]\.yearsInLevel\.max: max must not be below min/,
    );
  });

  it('should refuse a qualifier its bound cannot carry, naming the field', async () => {
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /yearsOfExperience: \{ min: 5, minQualifier: MORE_THAN \}/,
      'yearsOfExperience: { min: 5, minQualifier: MORE_THAN, maxQualifier: UP_TO }',
    );
    expect(await refusal(db, dir)).toMatch(
      /levels\[2\]\.yearsOfExperience\.maxQualifier: maxQualifier needs a max to qualify/,
    );
  });

  it('should refuse a STATED grade, which no citation could back yet', async () => {
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /\{ skill: git, importance: REQUIRED \}/,
      '{ skill: git, importance: REQUIRED, basis: STATED }',
    );
    expect(await refusal(db, dir)).toMatch(
      /roles\[0\] \(backend-developer\)\.skills\[\d+\]\.basis: a STATED or DERIVED grade needs a citation with a span/,
    );
  });

  it('should refuse a lower-bound qualifier on an upper bound', async () => {
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /min: 2, max: 4, minQualifier: ABOUT, maxQualifier: ABOUT/,
      'min: 2, max: 4, minQualifier: ABOUT, maxQualifier: MORE_THAN',
    );
    expect(await refusal(db, dir)).toMatch(
      /yearsInLevel\.maxQualifier: an upper bound cannot be MORE_THAN/,
    );
  });

  it('should refuse a reference to a skill that does not exist', async () => {
    editSeed(dir, 'roles/backend-developer.yaml', /skill: git\b/, 'skill: gti');
    expect(await refusal(db, dir)).toMatch(
      /backend-developer\.yaml: roles\[0\] \(backend-developer\)\.(levels\[\d+\]\.)?skills\[\d+\]\.skill: no skill has slug "gti"/,
    );
  });

  it('should refuse a fact without a citation', async () => {
    editSeed(dir, 'skills.yaml', /(- slug: docker[\s\S]*?)cite:/, '$1uncited:');
    const message = await refusal(db, dir);
    expect(message).toMatch(
      /skills\.yaml: skills\[\d+\] \(docker\)\.cite: every fact needs at least one citation/,
    );
    expect(message).toMatch(/\(docker\)\.uncited: property uncited should not exist/);
  });

  it('should refuse a slug defined twice', async () => {
    writeFileSync(
      join(dir, 'extra.yaml'),
      'skills:\n  - { slug: docker, name: Docker again, category: TOOL, description: d, cite: [{ source: backend-career-guide, section: X }] }\n',
    );
    expect(await refusal(db, dir)).toMatch(/duplicate skill slug "docker"/);
  });

  it('should refuse a file that is not YAML', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'roles: [ { slug: x\n');
    expect(await refusal(db, dir)).toMatch(/broken\.yaml: not valid YAML/);
  });

  it("should hold seed files to the API's limits, naming the file, record and field", async () => {
    editSeed(dir, 'skills.yaml', /(- slug: docker\n    name: )Docker/, `$1${'D'.repeat(201)}`);
    editSeed(
      dir,
      'skills.yaml',
      /(- slug: git\n(?:.*\n)*?    description: )>-\n(?:      .*\n)+/,
      `$1${'x'.repeat(100_000)}\n`,
    );
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /(\n      - slug: )junior-backend-developer/,
      '$1Junior_Backend',
    );
    editSeed(
      dir,
      'roles/backend-developer.yaml',
      /(\n        label: )average salary range \(varies with experience and industry\)/,
      '$1"average\\0range"',
    );
    const message = await refusal(db, dir);
    expect(message).toMatch(
      /skills\.yaml: skills\[\d+\] \(docker\)\.name: name must be shorter than or equal to 200 characters/,
    );
    expect(message).toMatch(
      /skills\.yaml: skills\[\d+\] \(git\)\.description: description must be shorter than or equal to 2000 characters/,
    );
    expect(message).toMatch(
      /backend-developer\.yaml: roles\[0\] \(backend-developer\)\.levels\[0\]\.slug: slug must be lower-case words joined by hyphens/,
    );
    expect(message).toMatch(
      /backend-developer\.yaml: roles\[0\] \(backend-developer\)\.salaryBands\[0\]\.label: label must not contain NUL characters/,
    );
  });

  it('should refuse what the API refuses: a blank name, an alias twice', async () => {
    editSeed(dir, 'skills.yaml', /(- slug: docker\n    name: )Docker/, `$1"  "`);
    writeFileSync(
      join(dir, 'extra.yaml'),
      'skills:\n  - { slug: twice, name: Twice, category: TOOL, description: d, aliases: [Tw, TW], cite: [{ source: backend-career-guide, section: Core technical skills }] }\n',
    );
    const message = await refusal(db, dir);
    expect(message).toMatch(/skills\.yaml: skills\[\d+\] \(docker\)\.name: name must not be blank/);
    expect(message).toMatch(/\(twice\)\.aliases: aliases must not list the same text twice/);
  });

  it('should refuse a citation whose section is not a heading of its source', async () => {
    editSeed(
      dir,
      'skills.yaml',
      /(- slug: git\n(?:.*\n)*?    cite:\n      - \{ source: backend-career-guide, section: )"Core technical skills"/,
      '$1"No such heading"',
    );
    expect(await refusal(db, dir)).toMatch(
      /skills\.yaml: skills\[\d+\] \(git\)\.cite\[0\]\.section: "No such heading" is not a heading of source "backend-career-guide"/,
    );
  });

  it("should refuse a span outside its section's bounds, and a provenance citing an unknown heading, without the documents", async () => {
    // ocpjp's own first citation and its roles' provenance both cite "Key Insights", whose text
    // runs from 403 to 2388 of the guide (sources.yaml)
    editSeed(
      dir,
      'certifications.yaml',
      /(\n {4}cite:\n {6}- \{ source: endorse-backend-developer-guide, section: "Key Insights", span: \{ start: )2212, end: 2285/,
      '$12212, end: 2400',
    );
    editSeed(
      dir,
      'certifications.yaml',
      /(\n {10}- \{ source: endorse-backend-developer-guide, section: )"Key Insights"/,
      '$1"No such heading"',
    );
    const message = await refusal(db, dir);
    expect(message).toMatch(
      /certifications\.yaml: certifications\[0\] \(ocpjp\)\.cite\[0\]\.span: span 2212-2400 is not in section "Key Insights", whose text runs from 403 to 2388/,
    );
    expect(message).toMatch(
      /certifications\.yaml: certifications\[0\] \(ocpjp\)\.provenance\[0\]\.cite\[0\]\.section: "No such heading" is not a heading of source "endorse-backend-developer-guide"/,
    );
  });

  it('should refuse an unknown record kind', async () => {
    writeFileSync(join(dir, 'extra.yaml'), 'unicorns: []\n');
    expect(await refusal(db, dir)).toMatch(/extra\.yaml: unknown record kind "unicorns"/);
  });
});
