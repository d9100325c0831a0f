import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { codeOf, TestServer } from '../support/server';

const GAP = /* GraphQL */ `
  query ($have: [String!]!, $basis: Basis) {
    skillGap(target: "junior-backend-developer", have: $have, basis: $basis) {
      coverage editorialWeights matched { skill { slug } } missing { skill { slug } importance importanceBasis }
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
    const { roles } = await server.data(`{ roles(first: 100) { nodes { skills { importanceBasis importanceRationale } levels { skills { importanceBasis importanceRationale } } } } }`);
    const grades = roles.nodes.flatMap((r: any) => [...r.skills, ...r.levels.flatMap((l: any) => l.skills)]);
    expect(grades.length).toBeGreaterThan(100);
    expect(grades.every((g: any) => g.importanceBasis === 'EDITORIAL' && g.importanceRationale?.length > 20)).toBe(true);
  });

  it('should grade alike what the guides put alike', async () => {
    const { role } = await server.data(`{ role(slug: "backend-developer") { skills { importance skill { slug } } } }`);
    const grade = (slug: string) => role.skills.find((s: any) => s.skill.slug === slug).importance;
    expect(grade('nosql-databases')).toBe(grade('sql-databases'));
    expect(grade('graphql')).toBe(grade('rest'));
    expect(new Set(['java', 'dotnet', 'javascript-nodejs', 'python', 'go', 'ruby'].map(grade))).toEqual(new Set(['RECOMMENDED']));
  });

  it('should compute skillGap with basis STATED without any editorial weight', async () => {
    const have = ['git', 'sql'];
    const all = (await server.data(GAP, { have })).skillGap;
    expect(all.editorialWeights).toBe(true);
    const stated = (await server.data(GAP, { have, basis: 'STATED' })).skillGap;
    expect(stated.editorialWeights).toBe(false);
    // no grade is stated, so every listed skill counts once
    const listed = stated.matched.length + stated.missing.length;
    expect(stated.coverage).toBeCloseTo(stated.matched.length / listed, 4);
    expect(stated.coverage).not.toBe(all.coverage);
    // the grades are still shown, marked for what they are
    expect(stated.missing.every((m: any) => m.importanceBasis === 'EDITORIAL')).toBe(true);
  });

  it('should let a curator write an editorial grade with its rationale, and refuse a STATED one naming the field', async () => {
    const SET = /* GraphQL */ `
      mutation ($input: SkillRequirementSetInput!) { skillRequirementSet(input: $input) { changed skillRequirement { importance importanceBasis importanceRationale } } }
    `;
    const ok = await runAs(server, editor, SET, { input: { role: 'backend-developer', skill: 'rust', importance: 'RECOMMENDED', rationale: 'named as a first language in the tips' } });
    expect(ok.data?.skillRequirementSet.skillRequirement).toEqual({ importance: 'RECOMMENDED', importanceBasis: 'EDITORIAL', importanceRationale: 'named as a first language in the tips' });
    const stated = await runAs(server, editor, SET, { input: { role: 'backend-developer', skill: 'rust', importance: 'REQUIRED', basis: 'STATED' } });
    expect(codeOf(stated)).toBe('BAD_USER_INPUT');
    expect(stated.errors?.[0].message).toMatch(/basis: a STATED or DERIVED grade needs a citation with a span/);
  });
});
