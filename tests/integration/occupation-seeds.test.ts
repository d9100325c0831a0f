import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { readSeeds, SeedError } from '../../src/seeding/read';
import { TestServer } from '../support/server';
import { tinyGraphSeeds } from '../support/tiny-graph';

/** The tiny graph plus one more seed file. */
function withFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-occupations-'));
  cpSync(tinyGraphSeeds(), dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return dir;
}

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (err) {
    if (err instanceof SeedError) return err.problems;
    throw err;
  }
  throw new Error('expected a SeedError');
};

const OK = `
occupations:
  - system: SOC_2018
    code: 15-1252
    title: Software Developers
    classification: t
    url: https://example.org/soc
    readOn: 2026-11-30
    roles: [{ role: alpha, match: BROAD }]
    wages:
      - { statistic: MEDIAN, amount: 100, region: US, year: 2024, referencePeriod: May 2024, publisher: BLS, url: https://example.org/w, readOn: 2026-11-30 }
`;

describe('Occupation seeds', () => {
  it('should refuse codes that do not fit their system, naming the record and the field', () => {
    const dir = withFile(
      'occupations.yaml',
      `
occupations:
  - { system: SOC_2018, code: "151252", title: A, classification: t, url: https://example.org/a, readOn: 2026-11-30 }
  - { system: ISCO_08, code: "251", title: B, classification: t, url: https://example.org/b, readOn: 2026-11-30 }
  - { system: ONET_SOC_2019, code: 15-1252, title: C, classification: t, url: https://example.org/c, readOn: 2026-11-30 }
  - { system: SOC, code: 15-1252, title: D, classification: t, url: https://example.org/d, readOn: 2026-11-30 }
`,
    );
    const problems = problemsOf(() => readSeeds(dir));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /occupations\.yaml: occupations\[0\]\.code: "151252" is not a SOC_2018 code: expected NN-NNNN/,
        ),
        expect.stringMatching(
          /occupations\.yaml: occupations\[1\]\.code: "251" is not a ISCO_08 code: expected four digits/,
        ),
        expect.stringMatching(
          /occupations\.yaml: occupations\[2\]\.code: "15-1252" is not a ONET_SOC_2019 code: expected NN-NNNN\.NN/,
        ),
        expect.stringMatching(
          /occupations\.yaml: occupations\[3\]\.system: system must be one of SOC_2018, ONET_SOC_2019, ISCO_08, ESCO, got "SOC"/,
        ),
      ]),
    );
  });

  it('should refuse a wage figure without the page it was read from or the date it was read', () => {
    const dir = withFile(
      'occupations.yaml',
      OK.replace(
        'url: https://example.org/w, readOn: 2026-11-30',
        'url: bls.gov, readOn: last week',
      ),
    );
    const problems = problemsOf(() => readSeeds(dir));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /occupations\[0\]\.wages\[0\]\.url: url must be the http\(s\) address of the page the figure was read from, got "bls\.gov"/,
        ),
        expect.stringMatching(
          /occupations\[0\]\.wages\[0\]\.readOn: readOn must be the date the page was read, as YYYY-MM-DD, got "last week"/,
        ),
      ]),
    );
  });

  describe('loading', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await TestServer.start({ seedsDir: null });
    });
    afterAll(() => server.stop());
    const count = async (table: string) =>
      Number((await server.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

    it('should refuse a mapping to a role that does not exist, writing nothing', async () => {
      const dir = withFile('occupations.yaml', OK.replace('role: alpha', 'role: ghost'));
      await expect(loadSeedDirectory(server.db, dir)).rejects.toThrow(
        /occupations\[0\] \(SOC_2018 15-1252\)\.roles\[0\]\.role: no role "ghost"/,
      );
      expect([
        await count('roles'),
        await count('occupations'),
        await count('wage_statistics'),
      ]).toEqual([0, 0, 0]);
    });

    it('should load codes, mappings and figures, and keep them when the files no longer list them (as every seeded record)', async () => {
      await loadSeedDirectory(server.db, withFile('occupations.yaml', OK));
      const { role } = await server.data(
        `{ role(slug: "alpha") { occupationCodes { code match } levels { payStatistics { amount year measures } } } }`,
      );
      expect(role.occupationCodes).toEqual([{ code: '15-1252', match: 'BROAD' }]);
      expect(role.levels[0].payStatistics).toEqual([
        {
          amount: 100,
          year: 2024,
          measures:
            'median annual wage of SOC_2018 15-1252 Software Developers; US national, all industries; May 2024; BLS',
        },
      ]);
      // a seed run merges: a record no file holds may be an editor's, so it stays (docs/data-format.md)
      await loadSeedDirectory(server.db, tinyGraphSeeds());
      expect([
        await count('occupations'),
        await count('role_occupations'),
        await count('wage_statistics'),
      ]).toEqual([1, 1, 1]);
      expect(
        (await server.data(`{ role(slug: "alpha") { occupationCodes { code } } }`)).role
          .occupationCodes,
      ).toEqual([{ code: '15-1252' }]);
    });
  });
});

describe('Certification lifecycle seeds', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ seedsDir: null });
  });
  afterAll(() => server.stop());

  const CERT = `
organizations: [{ slug: o, name: Org }]
certifications:
  - { slug: old, name: Old, issuer: o, description: d, cite: [{ source: t, section: S }] }
  - { slug: new, name: New, issuer: o, description: d, cite: [{ source: t, section: S }] }
`;
  const cite =
    '[{ url: https://example.org/c, readOn: 2026-11-30, supports: s, issuerPage: true }]';

  it('should refuse a retired certification without a successor, a retiring one without a date, and unknown slugs, writing nothing', async () => {
    const dir = withFile(
      'certs.yaml',
      `${CERT}
certificationLifecycles:
  - { certification: old, status: RETIRED, examCodes: [X-1], pages: ${cite} }
  - { certification: new, status: RETIRING, examCodes: [X-2], successor: ghost, pages: ${cite} }
`,
    );
    const error = await loadSeedDirectory(server.db, dir).catch((e) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect(error.problems).toEqual([
      'certificationLifecycles[0] (old).successor: a retired certification needs its successor, or a note saying the issuer names none',
      'certificationLifecycles[1] (new).successor: no certification "ghost"',
      'certificationLifecycles[1] (new).statusDate: a retiring certification needs its retirement date',
    ]);
    expect(Number((await server.db.query('SELECT COUNT(*) AS n FROM certifications'))[0].n)).toBe(
      0,
    );
  });

  it('should refuse a lifecycle without a page', () => {
    const dir = withFile(
      'certs.yaml',
      `${CERT}
certificationLifecycles:
  - { certification: old, status: ACTIVE, examCodes: [X-1], pages: [] }
`,
    );
    expect(problemsOf(() => readSeeds(dir))).toEqual([
      expect.stringMatching(
        /certificationLifecycles\[0\]\.pages: every lifecycle needs at least one page in pages/,
      ),
    ]);
  });
});
