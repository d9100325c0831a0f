import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { codeOf, TestServer } from '../support/server';

const GAP = /* GraphQL */ `
  query ($have: [String!]!, $basis: Basis) {
    skillGap(target: "junior-backend-developer", have: $have, basis: $basis) {
      coverage
      editorialWeights
      matched {
        skill {
          slug
        }
      }
      missing {
        skill {
          slug
        }
        importance
        importanceBasis
      }
      missingGroups {
        name
        importance
        options {
          skill {
            slug
          }
        }
      }
    }
  }
`;

describe('The basis of skill grades', () => {
  let server: TestServer;
  let editor: AuthInfo;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
  });
  afterAll(() => server.stop());

  it('should mark every seeded grade EDITORIAL, each with a rationale', async () => {
    const { roles } = await server.data(
      `{ roles(first: 100) { nodes { skills { importanceBasis importanceRationale } levels { skills { importanceBasis importanceRationale } } } } }`,
    );
    const grades = roles.nodes.flatMap((r: any) => [
      ...r.skills,
      ...r.levels.flatMap((l: any) => l.skills),
    ]);
    expect(grades.length).toBeGreaterThan(100);
    expect(
      grades.every(
        (g: any) => g.importanceBasis === 'EDITORIAL' && g.importanceRationale?.length > 20,
      ),
    ).toBe(true);
  });

  it('should grade alike what the guides put alike', async () => {
    const { role } = await server.data(
      `{ role(slug: "backend-developer") { skills { importance skill { slug } } } }`,
    );
    const grade = (slug: string) => role.skills.find((s: any) => s.skill.slug === slug).importance;
    expect(grade('nosql-databases')).toBe(grade('sql-databases'));
    expect(grade('graphql')).toBe(grade('rest'));
    expect(
      new Set(['java', 'dotnet', 'javascript-nodejs', 'python', 'go', 'ruby'].map(grade)).size,
    ).toBe(1);
  });

  it('should compute skillGap with basis STATED without any editorial weight', async () => {
    const have = ['git', 'sql'];
    const all = (await server.data(GAP, { have })).skillGap;
    expect(all.editorialWeights).toBe(true);
    const stated = (await server.data(GAP, { have, basis: 'STATED' })).skillGap;
    expect(stated.editorialWeights).toBe(false);
    // no grade is stated, so every listed skill (a group of alternatives once) counts once
    const listed = stated.matched.length + stated.missing.length + stated.missingGroups.length;
    expect(stated.coverage).toBeCloseTo(stated.matched.length / listed, 4);
    expect(stated.coverage).not.toBe(all.coverage);
    // the grades are still shown, marked for what they are
    expect(stated.missing.every((m: any) => m.importanceBasis === 'EDITORIAL')).toBe(true);
  });

  it('should count a one-of group met by any one language, and report an unmet group once', async () => {
    const none = (await server.data(GAP, { have: ['git'] })).skillGap;
    const languages = none.missingGroups.find((g: any) => g.name === 'first-language');
    expect(languages.options.map((o: any) => o.skill.slug).sort()).toEqual([
      'dotnet',
      'go',
      'java',
      'javascript-nodejs',
      'python',
      'ruby',
    ]);
    expect(none.missing.map((m: any) => m.skill.slug)).not.toContain('python');
    for (const language of ['Go', 'Ruby', 'Java']) {
      const gap = (await server.data(GAP, { have: ['git', language] })).skillGap;
      expect(gap.missingGroups.map((g: any) => g.name)).not.toContain('first-language');
      expect(gap.missing.map((m: any) => m.skill.slug)).not.toContain('python');
      expect(gap.coverage).toBeGreaterThan(none.coverage);
    }
    // a match counts the group once too
    const { roleMatches } = await server.data(
      `{ roleMatches(have: ["Python"], first: 50) { level { slug } missingGroups { name } matched { skill { slug } } } }`,
    );
    const junior = roleMatches.find((m: any) => m.level.slug === 'junior-backend-developer');
    expect(junior.matched.map((m: any) => m.skill.slug)).toContain('python');
    expect(junior.missingGroups.map((g: any) => g.name)).not.toContain('first-language');
  });

  it('should let a curator write an editorial grade with its rationale, and refuse a STATED one naming the field', async () => {
    const SET = /* GraphQL */ `
      mutation ($input: SkillRequirementSetInput!) {
        skillRequirementSet(input: $input) {
          changed
          skillRequirement {
            importance
            importanceBasis
            importanceRationale
          }
        }
      }
    `;
    const ok = await runAs(server, editor, SET, {
      input: {
        role: 'backend-developer',
        skill: 'rust',
        importance: 'RECOMMENDED',
        rationale: 'named as a first language in the tips',
      },
    });
    expect(ok.data?.skillRequirementSet.skillRequirement).toEqual({
      importance: 'RECOMMENDED',
      importanceBasis: 'EDITORIAL',
      importanceRationale: 'named as a first language in the tips',
    });
    // and put it in a group: Rust then meets the first-language group
    const grouped = await runAs(server, editor, SET, {
      input: {
        role: 'backend-developer',
        skill: 'rust',
        importance: 'RECOMMENDED',
        group: 'first-language',
      },
    });
    expect(grouped.data?.skillRequirementSet.changed).toBe(true);
    const gap = (await server.data(GAP, { have: ['git', 'Rust'] })).skillGap;
    expect(gap.missingGroups.map((g: any) => g.name)).not.toContain('first-language');
    const badGroup = await runAs(server, editor, SET, {
      input: {
        role: 'backend-developer',
        skill: 'rust',
        importance: 'RECOMMENDED',
        group: 'Not A Slug',
      },
    });
    expect(codeOf(badGroup)).toBe('BAD_USER_INPUT');
    expect(badGroup.errors?.[0].message).toContain('group');
    const stated = await runAs(server, editor, SET, {
      input: { role: 'backend-developer', skill: 'rust', importance: 'REQUIRED', basis: 'STATED' },
    });
    expect(codeOf(stated)).toBe('BAD_USER_INPUT');
    expect(stated.errors?.[0].message).toMatch(
      /basis: a STATED or DERIVED grade needs a citation with a span/,
    );
  });
});
