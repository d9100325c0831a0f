import { TestServer } from '../support/server';

describe('Aliases are true synonyms; nearby things are related terms', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should keep C#, Ruby on Rails and service-oriented architecture out of the aliases', async () => {
    const data = await server.data(`{
      dotnet: skill(slug: "dotnet") { aliases relatedTerms }
      ruby: skill(slug: "ruby") { aliases relatedTerms }
      micro: skill(slug: "microservices") { aliases relatedTerms }
      architect: role(slug: "solution-architect") { aliases }
    }`);
    expect(data.dotnet).toEqual({
      aliases: expect.not.arrayContaining(['C#']),
      relatedTerms: ['C#'],
    });
    expect(data.ruby).toEqual({ aliases: [], relatedTerms: ['Ruby on Rails'] });
    expect(data.micro.aliases).not.toContain('service-oriented architecture');
    expect(data.micro.relatedTerms).toEqual(['service-oriented architecture']);
    expect(data.architect.aliases).not.toContain('architect');
  });

  it('should not match a related term as the skill', async () => {
    const { skillGap } = await server.data(
      `{ skillGap(target: "junior-backend-developer", have: ["C#", "Ruby on Rails", ".NET"]) { unrecognized matched { skill { slug } } } }`,
    );
    expect(skillGap.unrecognized).toEqual(['C#', 'Ruby on Rails']);
    expect(skillGap.matched.map((m: any) => m.skill.slug)).toContain('dotnet');
  });
});
