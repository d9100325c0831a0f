import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { KINDS } from '../../src/modules/curation/kinds';
import { keyFor, runAs } from '../support/auth';
import { codeOf, TestServer } from '../support/server';

const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

/** A minimal valid record of each kind, and one change to make to it. */
const SAMPLES: Record<
  string,
  { create: Record<string, unknown>; change: Record<string, unknown>; read: string }
> = {
  Source: {
    create: { title: 'A test source' },
    change: { publisher: 'Test press' },
    read: 'publisher',
  },
  Organization: {
    create: { name: 'Test org', cite: CITE },
    change: { name: 'Test org renamed' },
    read: 'name',
  },
  Skill: {
    create: { name: 'Test skill', category: 'TOOL', description: 'd', cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  Role: {
    create: { name: 'Test role', summary: 's', cite: CITE },
    change: { summary: 't' },
    read: 'summary',
  },
  RoleLevel: {
    create: { role: 'backend-developer', name: 'Staff', rank: 9, summary: 's', cite: CITE },
    change: { name: 'Staff engineer' },
    read: 'name',
  },
  Certification: {
    create: { name: 'Test cert', issuer: 'oracle', description: 'd', cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  Credential: {
    create: { name: 'Test cred', kind: 'BOOTCAMP', bestFor: 'b', howItHelps: 'h', cite: CITE },
    change: { bestFor: 'c' },
    read: 'bestFor',
  },
  Sector: {
    create: { name: 'Test sector', description: 'd', cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  Employer: {
    create: { name: 'Test employer', cite: CITE },
    change: { name: 'Test employer 2' },
    read: 'name',
  },
  SalaryBand: {
    create: {
      role: 'backend-developer',
      label: 'l',
      currency: 'EUR',
      period: 'HOURLY',
      region: 'DE',
      min: 30,
      cite: CITE,
    },
    change: { label: 'm' },
    read: 'label',
  },
  JobOutlook: {
    create: { role: 'backend-developer', description: 'd', growthPercent: 3.5, cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  Insight: {
    create: { kind: 'TIP', title: 't', text: 'x', cite: CITE },
    change: { title: 'u' },
    read: 'title',
  },
  InternshipKind: {
    create: { name: 'Test kind', description: 'd', cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  AdvancementPath: {
    create: { name: 'Test path', description: 'd', cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  SalaryFactor: {
    create: { name: 'Test factor', description: 'd', cite: CITE },
    change: { description: 'e' },
    read: 'description',
  },
  CareerDirection: {
    create: { from: 'backend-developer', to: 'cto', basis: 'EDITORIAL', rationale: 'r' },
    change: { rationale: 's' },
    read: 'rationale',
  },
};

const camel = (name: string) => name[0].toLowerCase() + name.slice(1);

describe('Curation of every kind', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  it('should have a sample for every curated kind', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(KINDS.map((k) => k.name).sort());
  });

  it.each(Object.entries(SAMPLES))(
    'should create, read by id, update and delete a %s',
    async (kind, sample) => {
      const field = camel(kind);
      const slug = `test-${field.toLowerCase()}`;
      const created = await runAs(
        server,
        editor,
        `mutation($input: ${kind}CreateInput!) { ${field}Create(input: $input) { ${field} { id version ${sample.read} } } }`,
        {
          input: { slug, ...sample.create },
        },
      );
      expect(created.errors).toBeUndefined();
      const record = created.data[`${field}Create`][field];
      expect(record.version).toBe(1);
      const node = await server.data(`query($id: ID!) { node(id: $id) { __typename } }`, {
        id: record.id,
      });
      expect(node.node.__typename).toBe(kind);

      const update = `mutation($input: ${kind}UpdateInput!) { ${field}Update(input: $input) { ${field} { version ${sample.read} } } }`;
      const updated = await runAs(server, editor, update, {
        input: { slug, version: 1, changes: sample.change },
      });
      expect(updated.data[`${field}Update`][field]).toEqual({ version: 2, ...sample.change });
      expect(
        codeOf(
          await runAs(server, editor, update, {
            input: { slug, version: 1, changes: sample.change },
          }),
        ),
      ).toBe('CONFLICT');

      const remove = `mutation($input: ${kind}DeleteInput!) { ${field}Delete(input: $input) { deletedId } }`;
      expect(codeOf(await runAs(server, editor, remove, { input: { slug, version: 1 } }))).toBe(
        'CONFLICT',
      );
      const deleted = await runAs(server, editor, remove, { input: { slug, version: 2 } });
      expect(deleted.data[`${field}Delete`].deletedId).toBe(record.id);
      expect(
        (await server.data(`query($id: ID!) { node(id: $id) { __typename } }`, { id: record.id }))
          .node,
      ).toBeNull();
    },
  );
});
