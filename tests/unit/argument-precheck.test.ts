import 'reflect-metadata';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { passesOutright } from '../../src/core/argument-precheck';
import { SkillGapArgs } from '../../src/modules/skills/skill-gap.inputs';
import { Basis } from '../../src/core/basis';

@ValidatorConstraint({ name: 'lowNotAboveHigh' })
class LowNotAboveHigh implements ValidatorConstraintInterface {
  validate(low: unknown, args: ValidationArguments) {
    const high = (args.object as Range).high;
    return typeof low !== 'number' || typeof high !== 'number' || low <= high;
  }
}

@ValidatorConstraint({ name: 'later', async: true })
class Later implements ValidatorConstraintInterface {
  validate() {
    return Promise.resolve(true);
  }
}

class Range {
  @IsOptional() @IsInt() @Min(0) @Validate(LowNotAboveHigh) low?: number | null;
  @IsOptional() @IsInt() @Max(10) high?: number | null;
  @ValidateIf((o: Range) => o.low === 1) @IsString() @MinLength(2) note?: unknown;
}
class Slow {
  @Validate(Later) value: string;
}
class Outer {
  @ValidateNested() inner: Range;
}

const OPTIONS = { skipMissingProperties: true, forbidUnknownValues: false };
const of = <T extends object>(target: new () => T, values: Partial<T>) =>
  Object.assign(new target(), values);

/**
 * The shortcut past class-validator (src/core/argument-precheck.ts) must never let through what
 * class-validator refuses, and must answer at once for the arguments requests usually carry.
 */
describe('Argument pre-check', () => {
  const passes = passesOutright(OPTIONS);

  it.each<[string, object]>([
    ['a skill gap', of(SkillGapArgs, { target: 'mid-level', have: ['docker', 'SQL'] })],
    ['an empty list', of(SkillGapArgs, { target: 'x', have: [] })],
    ['a basis', of(SkillGapArgs, { target: 'x', have: [], basis: Basis.STATED })],
    ['a null basis', of(SkillGapArgs, { target: 'x', have: [], basis: null })],
    ['a range', of(Range, { low: 2, high: 3 })],
    ['a range with a note', of(Range, { low: 1, high: 3, note: 'ok' })],
    ['an empty range', of(Range, {})],
  ])('should pass %s, as class-validator does', async (_, object) => {
    expect(await validate(object, OPTIONS)).toEqual([]);
    expect(passes(object)).toBe(true);
  });

  it.each<[string, object]>([
    ['a long target', of(SkillGapArgs, { target: 't'.repeat(121), have: [] })],
    ['a long item', of(SkillGapArgs, { target: 'x', have: ['ok', 'x'.repeat(101)] })],
    ['a non-string item', of(SkillGapArgs, { target: 'x', have: [3 as never] })],
    ['too many items', of(SkillGapArgs, { target: 'x', have: Array(101).fill('a') })],
    ['an unknown basis', of(SkillGapArgs, { target: 'x', have: [], basis: 'SOME' as Basis })],
    ['a missing list', of(SkillGapArgs, { target: 'x', have: 'docker' as never })],
    ['a low above the high', of(Range, { low: 5, high: 3 })],
    ['a high over its bound', of(Range, { low: 1.5, high: 11 })],
    ['a note too short', of(Range, { low: 1, note: 'x' })],
    ['a note of a number', of(Range, { low: 1, note: 12 })],
  ])('should leave %s to class-validator, which refuses it', async (_, object) => {
    expect(await validate(object, OPTIONS)).not.toEqual([]);
    expect(passes(object)).toBe(false);
  });

  it('should leave asynchronous and nested constraints to class-validator', async () => {
    expect(passes(of(Slow, { value: 'x' }))).toBe(false);
    expect(passes(of(Outer, { inner: of(Range, {}) }))).toBe(false);
    expect(await validate(of(Slow, { value: 'x' }), OPTIONS)).toEqual([]);
  });

  it('should leave groups and whitelisting to class-validator', () => {
    const object = of(Range, { low: 1, high: 2, note: 'ok' });
    expect(passesOutright({ ...OPTIONS, groups: ['a'] })(object)).toBe(false);
    expect(passesOutright({ ...OPTIONS, whitelist: true })(object)).toBe(false);
  });

  it('should check what is missing when missing properties are not skipped', async () => {
    const object = of(SkillGapArgs, { target: 'x' });
    const strict = { forbidUnknownValues: false };
    expect(await validate(object, strict)).not.toEqual([]);
    expect(passesOutright(strict)(object)).toBe(false);
  });
});
