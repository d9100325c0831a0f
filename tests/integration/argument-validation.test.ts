import { getMetadataStorage } from 'type-graphql';
import { SkillGapArgs } from '../../src/modules/skills/skill-gap.inputs';
import { TestServer } from '../support/server';

const GAP = `query Gap($target: String!, $have: [String!]!) {
  skillGap(target: $target, have: $have) { coverage }
}`;
const LEVEL = 'mid-level-backend-developer';
const many = (n: number) => Array.from({ length: n }, (_, i) => `skill-${i}`);

/**
 * Arguments are validated by class-validator imported once (src/core/argument-validation.ts)
 * instead of type-graphql's import per call: the same refusals, word for word, as before
 * (checked against the build before the change), and `validate: false` still honoured.
 */
describe('Argument validation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ production: true });
  });
  afterAll(() => server.stop());

  it.each<[string, Record<string, unknown>, string, string[]]>([
    [
      'a list over its bound',
      { target: LEVEL, have: many(101) },
      'have: have must contain no more than 100 elements',
      ['have'],
    ],
    [
      'an item over its length',
      { target: LEVEL, have: ['docker', 'x'.repeat(101)] },
      'have: each value in have must be shorter than or equal to 100 characters',
      ['have'],
    ],
    [
      'two arguments at once',
      { target: 't'.repeat(121), have: many(101) },
      'target: target must be shorter than or equal to 120 characters; have: have must contain no more than 100 elements',
      ['target', 'have'],
    ],
  ])('should refuse %s as before', async (_, variables, message, fields) => {
    const { data, errors } = await server.run(GAP, variables);
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        message: `Invalid arguments: ${message}`,
        path: ['skillGap'],
        extensions: { code: 'BAD_USER_INPUT', argument: fields[0], fields },
      }),
    ]);
  });

  it('should answer valid arguments', async () => {
    const { errors, data } = await server.run(GAP, { target: LEVEL, have: ['docker'] });
    expect(errors).toBeUndefined();
    expect(typeof data.skillGap.coverage).toBe('number');
  });

  it('should validate through its own function, and leave `validate: false` arguments alone', () => {
    const params = getMetadataStorage().params.filter((p) => p.kind === 'args');
    const gap = params.find((p) => p.getType() === SkillGapArgs);
    expect(gap?.validateFn).toEqual(expect.any(Function));
    const unvalidated = params.filter((p) => p.validateSettings === false);
    expect(unvalidated.length).toBeGreaterThan(0);
    for (const param of unvalidated) expect(param.validateFn).toBeUndefined();
  });
});
