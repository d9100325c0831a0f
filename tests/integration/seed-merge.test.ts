import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { exportChanges } from '../../src/seeding/export-changes';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { keyFor, runAs } from '../support/auth';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { TestServer } from '../support/server';

const SKILL = /* GraphQL */ `
  query Skill($slug: String!) {
    skill(slug: $slug) {
      slug
      description
      version
    }
  }
`;
const SKILL_UPDATE = /* GraphQL */ `
  mutation Update($input: SkillUpdateInput!) {
    skillUpdate(input: $input) {
      skill {
        slug
        description
        version
      }
    }
  }
`;
const SKILL_DELETE = /* GraphQL */ `
  mutation Delete($input: SkillDeleteInput!) {
    skillDelete(input: $input) {
      key
    }
  }
`;
const LEVEL_DELETE = /* GraphQL */ `
  mutation Delete($input: RoleLevelDeleteInput!) {
    roleLevelDelete(input: $input) {
      key
    }
  }
`;
const AUDIT = /* GraphQL */ `
  {
    auditLog(first: 5, filter: { subjectType: "Seed" }) {
      nodes {
        id
        actor
        action
        subjectKey
        after
      }
    }
  }
`;

const DOCKER =
  /description: Container tool; hands-on experience with containers is part of backend readiness\./;

describe('Seed runs and editors', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let admin: AuthInfo;
  let dir: string;

  beforeEach(async () => {
    dir = copyOfSeeds();
    server = await TestServer.start({ seedsDir: dir });
    editor = (await keyFor(server, ApiRole.EDITOR, 'Edna Editor')).auth;
    admin = (await keyFor(server, ApiRole.ADMIN)).auth;
  });
  afterEach(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const skill = async (slug: string) => (await server.data(SKILL, { slug })).skill;
  const editSkill = async (slug: string, description: string) => {
    const { version } = await skill(slug);
    const result = await runAs(server, editor, SKILL_UPDATE, {
      input: { slug, version, changes: { description } },
    });
    expect(result.errors).toBeUndefined();
    return result;
  };
  const skillRow = async (slug: string) =>
    (await server.db.query(`SELECT * FROM skills WHERE slug = '${slug}'`))[0];
  const lastAuditId = async () =>
    Number((await server.db.query('SELECT MAX(id) AS id FROM audit_log'))[0].id);

  it('should keep an API edit, apply an unrelated file change, report a change to both as a conflict, and let --force overwrite it', async () => {
    await editSkill('docker', 'Edited through the API');
    const editId = await lastAuditId();
    editSeed(
      dir,
      'skills.yaml',
      /(- slug: git\n(?:.*\n)*?    description: )>-\n(?:      .*\n)+/,
      '$1Changed in the file.\n',
    );

    const first = await loadSeedDirectory(server.db, dir);
    expect(first).toMatchObject({
      applied: 1,
      kept: 1,
      conflicts: [],
      overwritten: [],
      updated: 1,
    });
    expect((await skill('docker')).description).toBe('Edited through the API');
    expect((await skill('git')).description).toBe('Changed in the file.');

    // the same record's file changes too: a conflict, and the database is left exactly as it was
    editSeed(dir, 'skills.yaml', DOCKER, 'description: Changed in the file as well.');
    const before = await skillRow('docker');
    const second = await loadSeedDirectory(server.db, dir);
    expect(second).toMatchObject({ applied: 0, kept: 0, inserted: 0, updated: 0, deleted: 0 });
    expect(second.conflicts).toEqual([
      {
        file: expect.stringMatching(/skills\.yaml$/),
        record: 'Skill docker',
        reason: 'changed in its file, and through the API, since the last seed',
        fields: [
          {
            field: 'description',
            file: 'Changed in the file as well.',
            database: 'Edited through the API',
          },
        ],
        audit: { id: editId, actor: 'Edna Editor', action: 'skillUpdate', at: expect.any(String) },
      },
    ]);
    expect(await skillRow('docker')).toEqual(before);

    const forced = await loadSeedDirectory(server.db, dir, { force: true });
    expect(forced).toMatchObject({ applied: 1, conflicts: [], updated: 1 });
    expect(forced.overwritten).toEqual([
      {
        file: expect.stringMatching(/skills\.yaml$/),
        record: 'Skill docker',
        fields: [
          {
            field: 'description',
            file: 'Changed in the file as well.',
            database: 'Edited through the API',
          },
        ],
        audit: expect.objectContaining({ id: editId }),
      },
    ]);
    expect((await skill('docker')).description).toBe('Changed in the file as well.');
    // the file is the record's source again: a later run has nothing to do
    expect(await loadSeedDirectory(server.db, dir)).toMatchObject({
      applied: 0,
      kept: 0,
      conflicts: [],
      inserted: 0,
      updated: 0,
      deleted: 0,
    });
  });

  it('should not bring back records deleted through the API while their file is unchanged, and report a change to one', async () => {
    const { version } = await skill('professional-networking');
    expect(
      (
        await runAs(server, editor, SKILL_DELETE, {
          input: { slug: 'professional-networking', version },
        })
      ).errors,
    ).toBeUndefined();
    const level = (await server.data(`{ roleLevel(slug: "senior-backend-developer") { version } }`))
      .roleLevel;
    expect(
      (
        await runAs(server, editor, LEVEL_DELETE, {
          input: { slug: 'senior-backend-developer', version: level.version },
        })
      ).errors,
    ).toBeUndefined();

    const report = await loadSeedDirectory(server.db, dir);
    expect(report).toMatchObject({
      applied: 0,
      conflicts: [],
      inserted: 0,
      updated: 0,
      deleted: 0,
    });
    expect(report.kept).toBeGreaterThanOrEqual(2); // the two, and the transitions and bands that went with the level
    expect(await skill('professional-networking')).toBeNull();
    expect(
      (await server.data(`{ roleLevel(slug: "senior-backend-developer") { slug } }`)).roleLevel,
    ).toBeNull();

    editSeed(
      dir,
      'skills.yaml',
      /(- slug: professional-networking\n(?:.*\n)*?    name: ).*\n/,
      '$1Networking, renamed\n',
    );
    const changed = await loadSeedDirectory(server.db, dir);
    expect(changed.conflicts).toEqual([
      expect.objectContaining({
        record: 'Skill professional-networking',
        reason: expect.stringMatching(/deleted through the API/),
        fields: [
          {
            field: '(record)',
            file: expect.objectContaining({ name: 'Networking, renamed' }),
            database: null,
          },
        ],
        audit: expect.objectContaining({ action: 'skillDelete', actor: 'Edna Editor' }),
      }),
    ]);
    expect(await skill('professional-networking')).toBeNull();

    // a changed file record that still names the deleted skill cannot be applied either
    editSeed(
      dir,
      'guidance/advancement.yaml',
      'title: "Build a Professional Network"',
      'title: "Build a network"',
    );
    const naming = await loadSeedDirectory(server.db, dir);
    expect(naming.conflicts.map((c) => [c.record, c.reason])).toEqual(
      expect.arrayContaining([
        [
          'Insight strategy-build-professional-network',
          'refers to Skill "professional-networking" (skills), which the API deleted',
        ],
      ]),
    );
    const insight = (
      await server.data(`{ insight(slug: "strategy-build-professional-network") { title } }`)
    ).insight;
    expect(insight.title).toBe('Build a Professional Network');
  });

  it('should find every record of the committed seeds in step with the database after loading them, --force included', async () => {
    // the database read back as seed records must equal the files, kind by kind (grades, spans,
    // qualifiers, occupations): else every run would report records as changed
    for (const force of [false, true]) {
      // as a database seeded before provenance was kept: only the content can say it is in step
      await server.db.query('DELETE FROM record_provenance');
      const again = await loadSeedDirectory(server.db, dir, { force });
      expect(again).toMatchObject({
        applied: 0,
        kept: 0,
        conflicts: [],
        overwritten: [],
        inserted: 0,
        updated: 0,
        deleted: 0,
      });
    }
  });

  it('should record each seed run in the audit log', async () => {
    await editSkill('docker', 'Edited through the API');
    editSeed(dir, 'skills.yaml', DOCKER, 'description: Changed in the file as well.');
    await loadSeedDirectory(server.db, dir, { actor: 'deploy 42' });
    const { nodes } = (await runAs(server, admin, AUDIT)).data.auditLog;
    expect(nodes[0]).toMatchObject({
      actor: 'deploy 42',
      action: 'seedRun',
      subjectKey: 'seed',
      after: {
        force: false,
        counts: { applied: 0, kept: 0, conflicts: 1, overwritten: 0 },
        conflicts: [
          { record: 'Skill docker', fields: ['description'], auditId: expect.any(Number) },
        ],
      },
    });
    // the start-up seed of the empty database is a run too
    expect(nodes[1]).toMatchObject({
      actor: 'start-up',
      action: 'seedRun',
      after: { counts: { kept: 0, conflicts: 0 } },
    });
    expect(nodes[1].after.counts.applied).toBeGreaterThan(300);
  });

  it("should write the API's changes back into the seed files (export --changed), which the next seed run then finds in step", async () => {
    const write = async (query: string, input: Record<string, unknown>) => {
      const result = await runAs(server, editor, query, { input });
      expect(result.errors).toBeUndefined();
    };
    const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];
    await editSkill('docker', 'Edited through the API');
    await write(
      `mutation($input: SkillCreateInput!) { skillCreate(input: $input) { skill { slug } } }`,
      {
        slug: 'helm',
        name: 'Helm',
        category: 'DEVOPS',
        description: 'Kubernetes package manager',
        broader: 'docker',
        cite: CITE,
      },
    );
    const { version } = await skill('professional-networking');
    await write(SKILL_DELETE, { slug: 'professional-networking', version });
    await write(`mutation($input: RelationInput!) { relationLink(input: $input) { changed } }`, {
      relation: 'CERTIFICATION_SKILL',
      from: 'ocpjp',
      to: 'helm',
    });
    await write(
      `mutation($input: SkillRequirementSetInput!) { skillRequirementSet(input: $input) { changed } }`,
      {
        role: 'backend-developer',
        level: 'junior-backend-developer',
        skill: 'helm',
        importance: 'OPTIONAL',
      },
    );
    const role = (await server.data(`{ role(slug: "backend-developer") { version } }`)).role;
    await write(
      `mutation($input: RoleUpdateInput!) { roleUpdate(input: $input) { role { slug } } }`,
      {
        slug: 'backend-developer',
        version: role.version,
        changes: { summary: 'A summary edited through the API.' },
      },
    );
    const level = (await server.data(`{ roleLevel(slug: "senior-backend-developer") { version } }`))
      .roleLevel;
    await write(LEVEL_DELETE, { slug: 'senior-backend-developer', version: level.version });
    await write(
      `mutation($input: RoleCreateInput!) { roleCreate(input: $input) { role { slug } } }`,
      {
        slug: 'platform-engineer',
        name: 'Platform engineer',
        summary: 'Builds internal platforms.',
        cite: CITE,
      },
    );

    const exported = await exportChanges(server.db, dir);
    expect(exported.records).toEqual(
      expect.arrayContaining([
        'Skill docker (changed)',
        'Skill helm (created)',
        'Skill professional-networking (deleted)',
        'Certification ocpjp (changed)',
        'RoleLevel junior-backend-developer (changed)',
        'Role backend-developer (changed)',
        'RoleLevel senior-backend-developer (deleted)',
        'Role platform-engineer (created)',
      ]),
    );
    const skillsFile = readFileSync(join(dir, 'skills.yaml'), 'utf8');
    expect(skillsFile).toContain('description: Edited through the API');
    expect(skillsFile).toContain('- slug: helm');
    expect(skillsFile).not.toContain('slug: professional-networking');
    expect(skillsFile.split('\n').slice(0, 3)).toEqual(
      readFileSync(join(__dirname, '..', '..', 'seeds', 'skills.yaml'), 'utf8')
        .split('\n')
        .slice(0, 3),
    );
    expect(readFileSync(join(dir, 'roles', 'platform-engineer.yaml'), 'utf8')).toContain(
      'name: Platform engineer',
    );

    // the files now say what the database says: a seed run writes nothing and finds no conflict
    expect(await loadSeedDirectory(server.db, dir)).toMatchObject({
      applied: 0,
      kept: 0,
      conflicts: [],
      inserted: 0,
      updated: 0,
      deleted: 0,
    });
    // and the records are the files' again: nothing more to export, and a later file change applies
    expect((await exportChanges(server.db, dir)).records).toEqual([]);
    editSeed(
      dir,
      'skills.yaml',
      'description: Edited through the API',
      'description: Then changed in the file',
    );
    expect(await loadSeedDirectory(server.db, dir)).toMatchObject({ applied: 1, conflicts: [] });
    expect((await skill('docker')).description).toBe('Then changed in the file');
  });
});
