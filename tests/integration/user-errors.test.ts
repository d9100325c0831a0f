import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { codeOf, TestServer } from '../support/server';
import { snapshot } from '../support/snapshot';

const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

const SKILL_UPDATE = /* GraphQL */ `
  mutation Update($input: SkillUpdateInput!) {
    skillUpdate(input: $input) {
      skill {
        slug
        version
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

describe('Mutation userErrors', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  /** Runs a mutation that must be refused with userErrors alone: no top-level error, nothing written. */
  const refused = async (query: string, variables: Record<string, unknown>) => {
    const before = await snapshot(server.db);
    const result = await runAs(server, editor, query, variables);
    expect(result.errors).toBeUndefined();
    expect(await snapshot(server.db)).toEqual(before);
    return Object.values(result.data as Record<string, any>)[0];
  };

  it('should report a stale version as a CONFLICT userError on input.version, the record null', async () => {
    const payload = await refused(SKILL_UPDATE, {
      input: { slug: 'docker', version: 99, changes: { name: 'Docker Engine' } },
    });
    expect(payload).toEqual({
      skill: null,
      userErrors: [
        {
          field: ['input', 'version'],
          message: expect.stringMatching(/is at version \d+, not 99/),
          code: 'CONFLICT',
        },
      ],
    });
  });

  it('should report an unknown slug as NOT_FOUND on input.slug', async () => {
    const payload = await refused(SKILL_UPDATE, {
      input: { slug: 'no-such-skill', version: 1, changes: { name: 'X' } },
    });
    expect(payload.userErrors).toEqual([
      { field: ['input', 'slug'], message: 'No Skill has slug "no-such-skill"', code: 'NOT_FOUND' },
    ]);
  });

  it('should report each failed validation rule of the input, with its path', async () => {
    const create = /* GraphQL */ `
      mutation ($input: SkillCreateInput!) {
        skillCreate(input: $input) {
          skill {
            slug
          }
          userErrors {
            field
            message
            code
          }
        }
      }
    `;
    const payload = await refused(create, {
      input: {
        slug: 'Not A Slug',
        name: 'Helm',
        category: 'TOOL',
        description: 'Charts',
        cite: CITE,
      },
    });
    expect(payload.skill).toBeNull();
    expect(payload.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'slug'], code: 'BAD_USER_INPUT' }),
    ]);
  });

  it('should use the same shape on moves, links and requirements', async () => {
    const move = await refused(
      /* GraphQL */ `
        mutation ($input: CareerTransitionDeleteInput!) {
          careerTransitionDelete(input: $input) {
            key
            userErrors {
              field
              code
            }
          }
        }
      `,
      { input: { from: 'junior-backend-developer', to: 'engineering-manager', version: 1 } },
    );
    expect(move).toEqual({ key: null, userErrors: [{ field: ['input'], code: 'NOT_FOUND' }] });
    const link = await refused(
      /* GraphQL */ `
        mutation ($input: RelationInput!) {
          relationLink(input: $input) {
            changed
            userErrors {
              field
              code
            }
          }
        }
      `,
      { input: { relation: 'EMPLOYER_SECTOR', from: 'nobody', to: 'fintech' } },
    );
    expect(link).toEqual({
      changed: null,
      userErrors: [{ field: ['input', 'from'], code: 'BAD_USER_INPUT' }],
    });
    const requirement = await refused(
      /* GraphQL */ `
        mutation ($input: SkillRequirementSetInput!) {
          skillRequirementSet(input: $input) {
            skillRequirement {
              id
            }
            userErrors {
              field
              code
            }
          }
        }
      `,
      {
        input: {
          role: 'backend-developer',
          level: 'devops-engineer',
          skill: 'docker',
          importance: 'REQUIRED',
        },
      },
    );
    expect(requirement).toEqual({
      skillRequirement: null,
      userErrors: [{ field: ['input', 'level'], code: 'BAD_USER_INPUT' }],
    });
    const mapping = await refused(
      /* GraphQL */ `
        mutation ($input: RoleOccupationKeyInput!) {
          roleOccupationUnmap(input: $input) {
            changed
            mapping {
              code
            }
            userErrors {
              field
              code
            }
          }
        }
      `,
      { input: { role: 'nobody', system: 'SOC_2018', code: '15-1252' } },
    );
    expect(mapping).toEqual({
      changed: false,
      mapping: null,
      userErrors: [{ field: ['input', 'role'], code: 'BAD_USER_INPUT' }],
    });
  });

  it('should give an empty userErrors on success', async () => {
    const { skill } = await server.data(`{ skill(slug: "docker") { version } }`);
    const result = await runAs(server, editor, SKILL_UPDATE, {
      input: { slug: 'docker', version: skill.version, changes: { name: 'Docker' } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.skillUpdate).toEqual({
      skill: { slug: 'docker', version: skill.version + 1 },
      userErrors: [],
    });
  });

  it('should find userErrors selected through a fragment', async () => {
    const query = /* GraphQL */ `
      fragment Problems on SkillPayload {
        userErrors {
          code
        }
      }
      mutation ($input: SkillUpdateInput!) {
        skillUpdate(input: $input) {
          ...Problems
        }
      }
    `;
    const payload = await refused(query, {
      input: { slug: 'docker', version: 1, changes: { name: 'X' } },
    });
    expect(payload).toEqual({ userErrors: [{ code: 'CONFLICT' }] });
  });

  it('should keep the top-level error for a caller that does not ask for userErrors', async () => {
    const result = await runAs(
      server,
      editor,
      /* GraphQL */ `
        mutation {
          skillUpdate(input: { slug: "docker", version: 1, changes: { name: "X" } }) {
            skill {
              slug
            }
          }
        }
      `,
    );
    expect(codeOf(result)).toBe('CONFLICT');
    expect(result.errors?.[0].extensions?.field).toBe('input.version');
  });

  const RELATION_LINK = /* GraphQL */ `
    mutation ($input: RelationInput!) {
      relationLink(input: $input) {
        changed
        userErrors {
          field
          message
          code
        }
      }
    }
  `;

  it('should report every bad reference of an input at once, and write nothing', async () => {
    const link = await refused(RELATION_LINK, {
      input: { relation: 'EMPLOYER_SECTOR', from: 'nobody', to: 'no-sector' },
    });
    expect(link.userErrors).toEqual([
      {
        field: ['input', 'from'],
        message: 'No Employer has slug "nobody"',
        code: 'BAD_USER_INPUT',
      },
      { field: ['input', 'to'], message: 'No Sector has slug "no-sector"', code: 'BAD_USER_INPUT' },
    ]);

    const read = await runAs(server, editor, '{ skill(slug: "docker") { version } }');
    const skill = await refused(SKILL_UPDATE, {
      input: {
        slug: 'docker',
        version: (read.data as { skill: { version: number } }).skill.version,
        changes: {
          broader: 'no-such-skill',
          cite: [
            CITE[0],
            { source: 'no-such-source', section: 'X' },
            { source: 'backend-career-guide', section: 'No such heading' },
          ],
        },
      },
    });
    expect(skill.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual([
      'input.changes.broader',
      'input.changes.cite[1].source',
      'input.changes.cite[2].section',
    ]);

    const move = await refused(
      /* GraphQL */ `
        mutation ($input: CareerTransitionCreateInput!) {
          careerTransitionCreate(input: $input) {
            userErrors {
              field
              code
            }
          }
        }
      `,
      { input: { from: 'no-level', to: 'no-level-either', kind: 'PROMOTION', cite: CITE } },
    );
    expect(move.userErrors).toEqual([
      { field: ['input', 'from'], code: 'BAD_USER_INPUT' },
      { field: ['input', 'to'], code: 'BAD_USER_INPUT' },
    ]);
  });

  it('should list every bad reference in one top-level error for a caller that does not ask for userErrors', async () => {
    const before = await snapshot(server.db);
    const result = await runAs(
      server,
      editor,
      /* GraphQL */ `
        mutation {
          relationLink(input: { relation: EMPLOYER_SECTOR, from: "nobody", to: "no-sector" }) {
            changed
          }
        }
      `,
    );
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error.message).toBe('No Employer has slug "nobody"; No Sector has slug "no-sector"');
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'input.from',
      problems: [
        { field: 'input.from', message: 'No Employer has slug "nobody"', code: 'BAD_USER_INPUT' },
        { field: 'input.to', message: 'No Sector has slug "no-sector"', code: 'BAD_USER_INPUT' },
      ],
    });
    expect(await snapshot(server.db)).toEqual(before);
  });

  it('should keep authentication a top-level error even when userErrors is asked for', async () => {
    const result = await runAs(server, null, SKILL_UPDATE, {
      input: { slug: 'docker', version: 1, changes: { name: 'X' } },
    });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });
});
