import { IsOptional, ValidateNested, ArrayMinSize, IsArray, ArrayMaxSize } from 'class-validator';
import { Field, InputType, Int, ObjectType, ClassType } from 'type-graphql';
import { CitationInput } from './common.inputs';
import { withUserErrors } from './user-errors';
import { FieldSpec, SLUG_VALIDATORS } from './fields';
import { MAX_CITATIONS } from '../../core/rules';

type Decorate = (cls: ClassType, key: string) => void;

/** Declares one input field on a class, with its GraphQL type and validators. */
function declare(
  cls: ClassType,
  key: string,
  type: () => unknown,
  nullable: boolean,
  validators: PropertyDecorator[],
  description?: string,
) {
  Field(type as never, { nullable, description })(cls.prototype, key);
  if (nullable) IsOptional()(cls.prototype, key);
  for (const v of validators) v(cls.prototype, key);
}

const named = (name: string): ClassType => ({ [name]: class {} })[name] as ClassType;

const citeField =
  (required: boolean): Decorate =>
  (cls, key) =>
    declare(
      cls,
      key,
      () => [CitationInput],
      !required,
      [
        IsArray(),
        ArrayMaxSize(MAX_CITATIONS),
        ValidateNested({ each: true }),
        ...(required
          ? [ArrayMinSize(1, { message: 'every fact needs at least one citation in cite' })]
          : []),
      ],
      required ? 'Where the facts come from (at least one).' : 'Where the facts come from.',
    );

export interface InputOptions {
  /** The selector fields (slug, or from/to) and whether a version is asked for. */
  selector: Record<string, PropertyDecorator[]>;
  version: boolean;
  /** Whether the record's own fields are required as declared (create) or all optional (changes). */
  allOptional: boolean;
  cite: 'required' | 'optional' | 'none';
}

/** Builds an input class from field specs. */
export function inputClass(
  name: string,
  description: string,
  fields: Record<string, FieldSpec>,
  options: InputOptions,
): ClassType {
  const cls = named(name);
  for (const [key, validators] of Object.entries(options.selector))
    declare(cls, key, () => String, false, validators);
  if (options.version) {
    declare(
      cls,
      'version',
      () => Int,
      false,
      [],
      'The version you last read; a stale one is refused with CONFLICT.',
    );
  }
  for (const [key, f] of Object.entries(fields)) {
    declare(cls, key, f.type, options.allOptional || !f.required, f.validators, f.description);
  }
  if (options.cite !== 'none') citeField(options.cite === 'required')(cls, 'cite');
  InputType(name, { description })(cls);
  return cls;
}

/** An update input: the selector and version, and the changes as a nested, all-optional input. */
export function updateInputClass(
  name: string,
  changes: ClassType,
  selector: Record<string, PropertyDecorator[]>,
): ClassType {
  const cls = named(name);
  for (const [key, validators] of Object.entries(selector))
    declare(cls, key, () => String, false, validators);
  declare(
    cls,
    'version',
    () => Int,
    false,
    [],
    'The version you last read; a stale one is refused with CONFLICT.',
  );
  declare(
    cls,
    'changes',
    () => changes,
    false,
    [ValidateNested()],
    'Only the fields given change; a null clears an optional field.',
  );
  InputType(name, { description: 'Which record to change, the version read, and the changes.' })(
    cls,
  );
  return cls;
}

/** A payload holding the written record under the given field name. */
export function payloadClass(name: string, field: string, type: ClassType): ClassType {
  const cls = named(name);
  Field(() => type, {
    nullable: true,
    description: 'The record as written; null when userErrors says why nothing was.',
  })(cls.prototype, field);
  withUserErrors(cls);
  ObjectType(name)(cls);
  return cls;
}

export const SLUG_SELECTOR = { slug: SLUG_VALIDATORS };
