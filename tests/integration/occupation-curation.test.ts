import { rmSync } from 'node:fs';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { keyFor, runAs } from '../support/auth';
import { copyOfSeeds } from '../support/fixtures';
import { codeOf, TestServer } from '../support/server';

const MAP = /* GraphQL */ `
  mutation Map($input: RoleOccupationMapInput!) {
    roleOccupationMap(input: $input) {
      changed
      mapping {
        match
        note
        system
        code
        role {
          slug
        }
        occupation {
          title
          url
          readOn
        }
      }
    }
  }
`;
const UNMAP = /* GraphQL */ `
  mutation Unmap($input: RoleOccupationKeyInput!) {
    roleOccupationUnmap(input: $input) {
      changed
      mapping {
        code
      }
    }
  }
`;
const BY_CODE = /* GraphQL */ `
  query ($code: String!) {
    occupations(system: ISCO_08, code: $code) {
      match
      role {
        slug
      }
    }
  }
`;

const input = {
  role: 'performance-engineer',
  system: 'ISCO_08',
  code: '2519',
  title: 'Software and applications developers and analysts not elsewhere classified',
  classification: 'isco-08',
  url: 'https://www.openriskmanual.org/wiki/ISCO_Minor_Group_251_Software_And_Applications_Developers_And_Analysts',
  readOn: '2026-11-30',
  match: 'RELATED',
};

describe('Occupation mappings through curation', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let reader: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    ({ auth: editor } = await keyFor(server, ApiRole.EDITOR));
    ({ auth: reader } = await keyFor(server, ApiRole.READER));
  });
  afterAll(() => server.stop());

  it('should map a role to a new code, read it back both ways, and record the change once', async () => {
    const first = await runAs(server, editor, MAP, { input });
    expect(first.data.roleOccupationMap).toEqual({
      changed: true,
      mapping: {
        match: 'RELATED',
        note: null,
        system: 'ISCO_08',
        code: '2519',
        role: { slug: 'performance-engineer' },
        occupation: { title: input.title, url: input.url, readOn: '2026-11-30' },
      },
    });
    expect((await runAs(server, editor, MAP, { input })).data.roleOccupationMap.changed).toBe(
      false,
    );
    expect((await server.data(BY_CODE, { code: '2519' })).occupations).toEqual([
      { match: 'RELATED', role: { slug: 'performance-engineer' } },
    ]);
    const audit = await server.db.query(
      `SELECT action, subject_key AS "key" FROM audit_log WHERE action LIKE 'roleOccupation%'`,
    );
    expect(audit).toEqual([
      { action: 'roleOccupationMap', key: 'performance-engineer>ISCO_08 2519' },
    ]);

    expect(
      (
        await runAs(server, editor, UNMAP, {
          input: { role: input.role, system: input.system, code: input.code },
        })
      ).data.roleOccupationUnmap,
    ).toEqual({ changed: true, mapping: null });
    expect((await server.data(BY_CODE, { code: '2519' })).occupations).toEqual([]);
  });

  it.each([
    [
      { code: '251' },
      'input.code',
      '"251" is not a ISCO_08 code: expected four digits, such as 2512',
    ],
    [
      { system: 'SOC_2018', code: '2519' },
      'input.code',
      '"2519" is not a SOC_2018 code: expected NN-NNNN, such as 15-1252',
    ],
    [{ role: 'astronaut' }, 'input.role', 'No role has slug "astronaut"'],
    [
      { url: 'somewhere' },
      'input.url',
      'url must be the http(s) address of the page the code was read from, got "somewhere"',
    ],
    [
      { readOn: '30/11/2026' },
      'input.readOn',
      'readOn must be a date as YYYY-MM-DD, got "30/11/2026"',
    ],
    [{ classification: 'wikipedia' }, 'input.classification', 'No source has slug "wikipedia"'],
  ])('should refuse %j, naming %s, and write nothing', async (change, argument, message) => {
    const before = Number((await server.db.query('SELECT COUNT(*) AS n FROM occupations'))[0].n);
    const result = await runAs(server, editor, MAP, { input: { ...input, ...change } });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe(argument);
    expect(result.errors?.[0].message).toBe(message);
    expect(Number((await server.db.query('SELECT COUNT(*) AS n FROM occupations'))[0].n)).toBe(
      before,
    );
  });

  it('should refuse a reader key', async () => {
    expect(codeOf(await runAs(server, reader, MAP, { input }))).toBe('FORBIDDEN');
  });
});

describe('Occupation mappings and seed runs', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let dir: string;
  const backend = { role: 'backend-developer', system: 'SOC_2018', code: '15-1252' };
  const BACKEND_CODES = /* GraphQL */ `
    {
      role(slug: "backend-developer") {
        occupationCodes(system: SOC_2018) {
          code
          match
        }
      }
    }
  `;

  beforeAll(async () => {
    dir = copyOfSeeds();
    server = await TestServer.start({ seedsDir: dir });
    ({ auth: editor } = await keyFor(server, ApiRole.EDITOR));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should keep an editor's unmapping through a seed run of unchanged files, and give it back only with --force", async () => {
    expect((await server.data(BACKEND_CODES)).role.occupationCodes).toEqual([
      { code: '15-1252', match: 'BROAD' },
    ]);
    expect(
      (await runAs(server, editor, UNMAP, { input: backend })).data.roleOccupationUnmap.changed,
    ).toBe(true);

    const merged = await loadSeedDirectory(server.db, dir);
    expect(merged.conflicts).toEqual([]);
    expect(merged.kept).toBe(1);
    expect((await server.data(BACKEND_CODES)).role.occupationCodes).toEqual([]);

    const forced = await loadSeedDirectory(server.db, dir, { force: true });
    expect(forced.overwritten.map((o) => o.record)).toEqual(['Occupation SOC_2018 15-1252']);
    expect((await server.data(BACKEND_CODES)).role.occupationCodes).toEqual([
      { code: '15-1252', match: 'BROAD' },
    ]);
  });
});
