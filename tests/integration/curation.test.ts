import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { codeOf, TestServer } from '../support/server';

const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

const SKILL_CREATE = /* GraphQL */ `
  mutation Create($input: SkillCreateInput!) {
    skillCreate(input: $input) {
      skill {
        id
        slug
        name
        version
        broader {
          slug
        }
        citations {
          section
          source {
            slug
          }
        }
      }
    }
  }
`;
const SKILL_UPDATE = /* GraphQL */ `
  mutation Update($input: SkillUpdateInput!) {
    skillUpdate(input: $input) {
      skill {
        slug
        name
        description
        version
      }
    }
  }
`;
const SKILL_DELETE = /* GraphQL */ `
  mutation Delete($input: SkillDeleteInput!) {
    skillDelete(input: $input) {
      deletedId
      key
    }
  }
`;

const newSkill = (slug: string, extra: Record<string, unknown> = {}) => ({
  input: {
    slug,
    name: `Skill ${slug}`,
    category: 'TOOL',
    description: 'Made in a test',
    broader: 'server-and-cloud-management',
    cite: CITE,
    ...extra,
  },
});

describe('Curation', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let reader: AuthInfo;
  let admin: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR, 'Edna Editor')).auth;
    reader = (await keyFor(server, ApiRole.READER)).auth;
    admin = (await keyFor(server, ApiRole.ADMIN)).auth;
  });
  afterAll(() => server.stop());

  const count = async (table: string) =>
    Number((await server.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('should refuse a write without a key as UNAUTHENTICATED and with a reader key as FORBIDDEN, changing nothing', async () => {
    const before = await count('skills');
    const audited = await count('audit_log'); // the start-up seed run's entry
    expect(codeOf(await runAs(server, null, SKILL_CREATE, newSkill('helm')))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await runAs(server, reader, SKILL_CREATE, newSkill('helm')))).toBe('FORBIDDEN');
    expect(await count('skills')).toBe(before);
    expect(await count('audit_log')).toBe(audited);
  });

  it('should create a skill that the graph, search and the audit log then show', async () => {
    const result = await runAs(
      server,
      editor,
      SKILL_CREATE,
      newSkill('terraform', { name: 'Terraform', aliases: ['TF'] }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.skillCreate.skill).toMatchObject({
      slug: 'terraform',
      version: 1,
      broader: { slug: 'server-and-cloud-management' },
      citations: [{ section: 'Core technical skills', source: { slug: 'backend-career-guide' } }],
    });
    const { search } = await server.data(
      `{ search(query: "terraform") { node { ... on Skill { slug } } } }`,
    );
    expect(search[0].node.slug).toBe('terraform');
    const { skill } = await server.data(
      `{ skill(slug: "server-and-cloud-management") { narrower { slug } } }`,
    );
    expect(skill.narrower.map((s: any) => s.slug)).toContain('terraform');
    // the in-process skill index follows the write (it is rebuilt for the new graph version)
    const gap = await server.data(
      `{ skillGap(target: "backend-developer", have: ["tf"]) { unrecognized } }`,
    );
    expect(gap.skillGap.unrecognized).toEqual([]);
    const log = await runAs(
      server,
      admin,
      `{ auditLog(first: 5) { totalCount nodes { actor action subjectType subjectKey before after } } }`,
    );
    expect(log.data.auditLog.nodes[0]).toMatchObject({
      actor: 'Edna Editor',
      action: 'skillCreate',
      subjectType: 'Skill',
      subjectKey: 'terraform',
      before: null,
    });
    expect(log.data.auditLog.nodes[0].after).toMatchObject({
      slug: 'terraform',
      name: 'Terraform',
      cite: CITE,
    });
  });

  it('should refuse a taken slug with CONFLICT', async () => {
    const result = await runAs(server, editor, SKILL_CREATE, newSkill('docker'));
    expect(codeOf(result)).toBe('CONFLICT');
    expect(result.errors?.[0].extensions?.field).toBe('input.slug');
  });

  it('should refuse a stale version with CONFLICT so two editors cannot overwrite each other', async () => {
    await runAs(server, editor, SKILL_CREATE, newSkill('ansible'));
    const first = await runAs(server, editor, SKILL_UPDATE, {
      input: { slug: 'ansible', version: 1, changes: { description: 'First editor' } },
    });
    expect(first.data.skillUpdate.skill).toMatchObject({ description: 'First editor', version: 2 });
    const second = await runAs(server, editor, SKILL_UPDATE, {
      input: { slug: 'ansible', version: 1, changes: { description: 'Second editor' } },
    });
    expect(codeOf(second)).toBe('CONFLICT');
    expect(second.errors?.[0].extensions?.field).toBe('input.version');
    const { skill } = await server.data(`{ skill(slug: "ansible") { description version } }`);
    expect(skill).toEqual({ description: 'First editor', version: 2 });
  });

  it('should refuse a broader skill that would lead back to the skill, itself or through others', async () => {
    await runAs(server, editor, SKILL_CREATE, newSkill('loop-top'));
    await runAs(server, editor, SKILL_CREATE, newSkill('loop-mid', { broader: 'loop-top' }));
    await runAs(server, editor, SKILL_CREATE, newSkill('loop-leaf', { broader: 'loop-mid' }));
    for (const broader of ['loop-top', 'loop-leaf']) {
      const refused = await runAs(server, editor, SKILL_UPDATE, {
        input: { slug: 'loop-top', version: 1, changes: { broader } },
      });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].extensions?.argument).toBe('input.changes.broader');
    }
    const { skill } = await server.data(`{ skill(slug: "loop-top") { version broader { slug } } }`);
    expect(skill).toEqual({ version: 1, broader: { slug: 'server-and-cloud-management' } });
    const moved = await runAs(server, editor, SKILL_UPDATE, {
      input: { slug: 'loop-leaf', version: 1, changes: { broader: 'loop-top' } },
    });
    expect(moved.errors).toBeUndefined();
  });

  it('should refuse bad input naming the field, without echoing it, and write nothing', async () => {
    const before = await count('skills');
    const badSlug = await runAs(server, editor, SKILL_CREATE, newSkill('Not A Slug'));
    expect(codeOf(badSlug)).toBe('BAD_USER_INPUT');
    expect(badSlug.errors?.[0].message).toMatch(/slug/);
    const noCite = await runAs(server, editor, SKILL_CREATE, newSkill('no-cite', { cite: [] }));
    expect(codeOf(noCite)).toBe('BAD_USER_INPUT');
    expect(noCite.errors?.[0].message).toMatch(/cite/);
    const badBroader = await runAs(
      server,
      editor,
      SKILL_CREATE,
      newSkill('orphan', { broader: 'no-such-skill' }),
    );
    expect(codeOf(badBroader)).toBe('BAD_USER_INPUT');
    expect(badBroader.errors?.[0].extensions?.argument).toBe('input.broader');
    // the record row would be written before its citation: the transaction must undo it
    const badSource = await runAs(
      server,
      editor,
      SKILL_CREATE,
      newSkill('half-written', { cite: [{ source: 'no-such-source', section: 'x' }] }),
    );
    expect(codeOf(badSource)).toBe('BAD_USER_INPUT');
    expect(badSource.errors?.[0].extensions?.argument).toBe('input.cite[0].source');
    expect(await count('skills')).toBe(before);
    expect((await server.data(`{ skill(slug: "half-written") { slug } }`)).skill).toBeNull();
  });

  it('should refuse text no page should show, a section no heading names, and an update changing nothing', async () => {
    const before = await count('skills');
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ name: '   ' }, 'input.name', /must not be blank/],
      [{ name: 'a\u001b[31mb' }, 'input.name', /control characters/],
      [{ description: 'torn \ud800 half' }, 'input.description', /lone surrogate/],
      [{ aliases: ['Tool', 'tool'] }, 'input.aliases', /same text twice/],
      [
        { cite: [{ source: 'backend-career-guide', section: 'No such heading' }] },
        'input.cite[0].section',
        /is not a heading of source "backend-career-guide"/,
      ],
    ];
    for (const [extra, argument, message] of refusals) {
      const result = await runAs(server, editor, SKILL_CREATE, newSkill('plain-text', extra));
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(result.errors?.[0].message).toMatch(message);
    }
    expect(await count('skills')).toBe(before);
    const { skill } = await server.data(`{ skill(slug: "docker") { version } }`);
    const empty = await runAs(server, editor, SKILL_UPDATE, {
      input: { slug: 'docker', version: skill.version, changes: {} },
    });
    expect(empty.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.changes',
    });
    expect((await server.data(`{ skill(slug: "docker") { version } }`)).skill).toEqual(skill);
  });

  it('should write a citation anchored to a span, and refuse an impossible span naming its field', async () => {
    // within "Core technical skills", whose text runs from 4844 to 6615 (Source.sections)
    const span = { start: 4900, end: 4942, sha256: 'ab'.repeat(32) };
    const query = SKILL_CREATE.replace(
      /citations \{\s*section\s*source \{\s*slug\s*\}\s*\}/,
      'citations { section span { start end sha256 } }',
    );
    expect(query).toContain('span { start end sha256 }');
    const made = await runAs(
      server,
      editor,
      query,
      newSkill('anchored-skill', { cite: [{ ...CITE[0], span }] }),
    );
    expect(made.errors).toBeUndefined();
    expect(made.data?.skillCreate.skill.citations).toEqual([{ section: CITE[0].section, span }]);
    const log = await runAs(server, admin, `{ auditLog(first: 1) { nodes { after } } }`);
    expect(log.data?.auditLog.nodes[0].after.cite).toEqual([{ ...CITE[0], span }]);

    const before = await count('skills');
    for (const [bad, field] of [
      [{ ...span, end: 10 }, 'span.end'],
      [{ ...span, start: -1 }, 'span.start'],
      [{ ...span, sha256: 'not-a-hash' }, 'span.sha256'],
    ] as const) {
      const refused = await runAs(
        server,
        editor,
        SKILL_CREATE,
        newSkill('bad-span', { cite: [{ ...CITE[0], span: bad }] }),
      );
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].message).toContain(`cite.0.${field}:`);
    }
    const outside = await runAs(
      server,
      editor,
      SKILL_CREATE,
      newSkill('bad-span', { cite: [{ ...CITE[0], span: { ...span, start: 10, end: 42 } }] }),
    );
    expect(outside.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.cite[0].span',
    });
    expect(outside.errors?.[0].message).toBe(
      'span 10-42 is not in section "Core technical skills", whose text runs from 4844 to 6615 (its Source.sections)',
    );
    expect(await count('skills')).toBe(before);
  });

  it('should validate salary bands: ISO currency, min not above max, level of the role', async () => {
    const BAND = `mutation($input: SalaryBandCreateInput!) { salaryBandCreate(input: $input) { salaryBand { slug min max level { slug } } } }`;
    const band = (extra: Record<string, unknown>) => ({
      input: {
        slug: 'test-band',
        role: 'backend-developer',
        label: 'test',
        currency: 'USD',
        period: 'ANNUAL',
        region: 'US',
        min: 1,
        max: 2,
        cite: CITE,
        ...extra,
      },
    });
    expect(codeOf(await runAs(server, editor, BAND, band({ currency: 'DOLLARS' })))).toBe(
      'BAD_USER_INPUT',
    );
    // stored as sent, a lower-case code would never equal the seeds' USD
    const lower = await runAs(server, editor, BAND, band({ currency: 'usd' }));
    expect(lower.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.currency',
    });
    const minMax = await runAs(server, editor, BAND, band({ min: 200, max: 100 }));
    expect(codeOf(minMax)).toBe('BAD_USER_INPUT');
    expect(minMax.errors?.[0].message).toMatch(/max must not be below min/);
    const wrongLevel = await runAs(server, editor, BAND, band({ level: 'solution-architect' }));
    expect(codeOf(wrongLevel)).toBe('BAD_USER_INPUT');
    const ok = await runAs(
      server,
      editor,
      BAND,
      band({ level: 'mid-level-backend-developer', min: 90000, max: 110000 }),
    );
    expect(ok.data.salaryBandCreate.salaryBand).toEqual({
      slug: 'test-band',
      min: 90000,
      max: 110000,
      level: { slug: 'mid-level-backend-developer' },
    });
  });

  it('should delete with the right version, and refuse deleting what others still point to', async () => {
    await runAs(server, editor, SKILL_CREATE, newSkill('to-delete'));
    expect(
      codeOf(
        await runAs(server, editor, SKILL_DELETE, { input: { slug: 'to-delete', version: 7 } }),
      ),
    ).toBe('CONFLICT');
    const deleted = await runAs(server, editor, SKILL_DELETE, {
      input: { slug: 'to-delete', version: 1 },
    });
    expect(deleted.data.skillDelete.key).toBe('to-delete');
    expect((await server.data(`{ skill(slug: "to-delete") { slug } }`)).skill).toBeNull();
    expect(
      Number(
        (
          await server.db.query(
            "SELECT COUNT(*) AS n FROM citations WHERE subject_type = 'Skill' AND subject_id NOT IN (SELECT id FROM skills)",
          )
        )[0].n,
      ),
    ).toBe(0);
    const { organization } = {
      organization: (
        await server.db.query("SELECT version FROM organizations WHERE slug = 'oracle'")
      )[0],
    };
    const refused = await runAs(
      server,
      editor,
      `mutation($input: OrganizationDeleteInput!) { organizationDelete(input: $input) { key } }`,
      {
        input: { slug: 'oracle', version: organization.version },
      },
    );
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(
      (await server.data(`{ certification(slug: "ocpjp") { issuer { slug } } }`)).certification
        .issuer.slug,
    ).toBe('oracle');
    expect(
      codeOf(
        await runAs(server, editor, SKILL_DELETE, { input: { slug: 'never-was', version: 1 } }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('should link and unlink relations, idempotently', async () => {
    const LINK = `mutation($input: RelationInput!) { relationLink(input: $input) { changed from { id } to { id } } }`;
    const UNLINK = `mutation($input: RelationInput!) { relationUnlink(input: $input) { changed } }`;
    const input = { relation: 'EMPLOYER_SECTOR', from: 'deloitte', to: 'healthcare-technology' };
    expect((await runAs(server, editor, LINK, { input })).data.relationLink.changed).toBe(true);
    expect((await runAs(server, editor, LINK, { input })).data.relationLink.changed).toBe(false);
    const { employer } = await server.data(`{ employer(slug: "deloitte") { sectors { slug } } }`);
    expect(employer.sectors.map((s: any) => s.slug)).toContain('healthcare-technology');
    expect((await runAs(server, editor, UNLINK, { input })).data.relationUnlink.changed).toBe(true);
    expect((await runAs(server, editor, UNLINK, { input })).data.relationUnlink.changed).toBe(
      false,
    );
    const wrongKind = await runAs(server, editor, LINK, {
      input: { relation: 'EMPLOYER_SECTOR', from: 'docker', to: 'fintech' },
    });
    expect(codeOf(wrongKind)).toBe('BAD_USER_INPUT');
    expect(wrongKind.errors?.[0].extensions?.argument).toBe('input.from');
  });

  it('should set and remove skill requirements of a level', async () => {
    const SET = `mutation($input: SkillRequirementSetInput!) { skillRequirementSet(input: $input) { changed skillRequirement { importance skill { slug } } } }`;
    const input = {
      role: 'backend-developer',
      level: 'senior-backend-developer',
      skill: 'grafana',
      importance: 'REQUIRED',
    };
    expect((await runAs(server, editor, SET, { input })).data.skillRequirementSet).toEqual({
      changed: true,
      skillRequirement: { importance: 'REQUIRED', skill: { slug: 'grafana' } },
    });
    const gap = await server.data(
      `{ skillGap(target: "senior-backend-developer", have: []) { missing { importance skill { slug } } } }`,
    );
    expect(gap.skillGap.missing).toContainEqual({
      importance: 'REQUIRED',
      skill: { slug: 'grafana' },
    });
    const wrongLevel = await runAs(server, editor, SET, {
      input: { ...input, level: 'solution-architect' },
    });
    expect(wrongLevel.errors?.[0].extensions?.argument).toBe('input.level');
    const { importance: _i, ...key } = input;
    const removed = await runAs(
      server,
      editor,
      `mutation($input: SkillRequirementKey!) { skillRequirementRemove(input: $input) { changed } }`,
      { input: key },
    );
    expect(removed.data.skillRequirementRemove.changed).toBe(true);
  });

  it('should create a transition that career paths then use', async () => {
    const CREATE = `mutation($input: CareerTransitionCreateInput!) { careerTransitionCreate(input: $input) { careerTransition { kind typicalYears { min max } skillsToGain { slug } version } } }`;
    const input = {
      from: 'junior-backend-developer',
      to: 'devops-engineer',
      kind: 'LATERAL',
      typicalYears: { min: 1, max: 3 },
      skillsToGain: ['docker'],
      cite: CITE,
    };
    const created = await runAs(server, editor, CREATE, { input });
    expect(created.data.careerTransitionCreate.careerTransition).toEqual({
      kind: 'LATERAL',
      typicalYears: { min: 1, max: 3 },
      skillsToGain: [{ slug: 'docker' }],
      version: 1,
    });
    expect(codeOf(await runAs(server, editor, CREATE, { input }))).toBe('CONFLICT');
    const { careerPath } = await server.data(
      `{ careerPath(from: "junior-backend-developer", to: "devops-engineer") { steps { from { slug } } } }`,
    );
    expect(careerPath.steps).toEqual([{ from: { slug: 'junior-backend-developer' } }]);
    const stale = await runAs(
      server,
      editor,
      `mutation($input: CareerTransitionUpdateInput!) { careerTransitionUpdate(input: $input) { careerTransition { version } } }`,
      {
        input: { from: input.from, to: input.to, version: 5, changes: { kind: 'PROMOTION' } },
      },
    );
    expect(codeOf(stale)).toBe('CONFLICT');
  });

  it('should keep the audit log for admins only', async () => {
    expect(codeOf(await runAs(server, editor, `{ auditLog { totalCount } }`))).toBe('FORBIDDEN');
    expect(codeOf(await runAs(server, null, `{ auditLog { totalCount } }`))).toBe(
      'UNAUTHENTICATED',
    );
    const log = await runAs(
      server,
      admin,
      `{ auditLog(first: 100, filter: { subjectKey: "ansible" }) { nodes { action before after } } }`,
    );
    const [update, create] = log.data.auditLog.nodes;
    expect(create.action).toBe('skillCreate');
    expect(update).toMatchObject({
      action: 'skillUpdate',
      before: { description: 'Made in a test', version: 1 },
      after: { description: 'First editor', version: 2 },
    });
  });

  it('should tell a caller which key it holds', async () => {
    expect((await runAs(server, reader, `{ viewer { role } }`)).data.viewer).toEqual({
      role: 'reader',
    });
    expect((await runAs(server, null, `{ viewer { role } }`)).data.viewer).toBeNull();
  });
});
