import {
  getMetadataStorage as validationMetadata,
  validateOrReject,
  ValidatorOptions,
} from 'class-validator';
import { ArgumentValidationError, getMetadataStorage } from 'type-graphql';
import { passesOutright } from './argument-precheck';

type ValidateSettings = boolean | ValidatorOptions | undefined;
type Class = abstract new (...args: never[]) => unknown;

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

type Storage = ReturnType<typeof validationMetadata>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;

/**
 * class-validator looks a class's constraints up on every validation: its own, then every class
 * it knows is tested as an ancestor (`instanceof` over all of them), then they are grouped by
 * property. Both depend only on the class and the options while no constraint is added, so they
 * are kept per class and options here, and forgotten whenever a constraint is added. Without
 * groups or a schema name only: anything else asks class-validator.
 */
function memoiseLookups(storage: Storage): void {
  const marked = storage as Storage & { careergraphMemo?: true };
  if (marked.careergraphMemo) return;
  marked.careergraphMemo = true;
  let lookups = new Map<string, WeakMap<Function, Metadatas>>();
  let grouped = new WeakMap<Metadatas, ReturnType<Storage['groupByPropertyName']>>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  const forget = () => {
    lookups = new Map();
    grouped = new WeakMap();
  };
  storage.addValidationMetadata = (metadata) => (forget(), add(metadata));
  storage.addConstraintMetadata = (metadata) => (forget(), addConstraint(metadata));
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema || groups?.length) return lookUp(target, schema, always, strictGroups, groups);
    const options = `${always}:${strictGroups}`;
    let byClass = lookups.get(options);
    if (!byClass) lookups.set(options, (byClass = new WeakMap()));
    let found = byClass.get(target);
    if (!found) byClass.set(target, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadatas) => {
    let found = grouped.get(metadatas);
    if (!found) grouped.set(metadatas, (found = group(metadatas)));
    return found;
  };
}

/** Per class: whether class-validator has any constraint for it (its own or inherited). */
const constrained = new WeakMap<Class, boolean>();
function hasConstraints(value: object): boolean {
  const target = value.constructor as Class;
  let known = constrained.get(target);
  if (known === undefined) {
    known = validationMetadata().getTargetValidationMetadatas(target, '', true, false).length > 0;
    constrained.set(target, known);
  }
  return known;
}

/**
 * type-graphql validates every object argument by `await import('class-validator')`, compiled to
 * a `require` that resolves the package again on each call, then asks class-validator, which
 * looks the class's metadata up again (about 9% of a `skillGap` request's samples). Run before
 * the schema is built, this gives every argument type-graphql would validate a `validateFn` of
 * its own that does what type-graphql does with class-validator imported once, and skips the
 * classes that have no constraint at all (class-validator would find nothing to check, as
 * `forbidUnknownValues` is false), and answers at once for an object its constraints all accept
 * (`passesOutright`: class-validator judges the rest). Arguments with `validate: false`, or with a `validateFn` of
 * their own, are left as they are, and so is every argument when the schema has a `validateFn`.
 *
 * Checked against: type-graphql 2.0.0-rc.4, class-validator 0.15.1 (docs/operations.md,
 * "Shortcuts around the libraries": type-graphql's validateArg and param metadata).
 */
/** Where a refusal of an input object argument carries that argument's name, for formatError. */
export const ARGUMENT_NAME = 'validatedArgument';

export function validateArgumentsDirectly(
  globalSettings: ValidateSettings,
  globalValidateFn?: unknown,
): void {
  if (globalValidateFn) return; // a schema-wide function decides: an argument's own would override it
  memoiseLookups(validationMetadata());
  for (const param of getMetadataStorage().params) {
    if (param.kind !== 'arg' && param.kind !== 'args') continue;
    const settings = param.validateSettings !== undefined ? param.validateSettings : globalSettings;
    if (param.validateFn || settings === false) continue;
    const options: ValidatorOptions = {
      ...(isObject(globalSettings) ? globalSettings : {}),
      ...(isObject(param.validateSettings) ? param.validateSettings : {}),
    };
    if (options.skipMissingProperties !== false) options.skipMissingProperties = true;
    if (options.forbidUnknownValues !== true) options.forbidUnknownValues = false;
    // with forbidUnknownValues, class-validator refuses what has no constraints: ask it then
    const skip = options.forbidUnknownValues
      ? () => false
      : (value: object) => !hasConstraints(value);
    const passes = passesOutright(options);
    param.validateFn = (value) => {
      if (!isObject(value)) return undefined;
      // most arguments pass: judged here at once, without a promise (see argument-precheck.ts)
      if (!Array.isArray(value) && (skip(value) || passes(value))) return undefined;
      // an object judged just above is not judged again
      const items = Array.isArray(value)
        ? value.filter((item): item is object => isObject(item) && !skip(item) && !passes(item))
        : [value];
      if (!items.length) return undefined;
      return Promise.all(items.map((item) => validateOrReject(item, options))).then(
        () => undefined,
        (err: unknown) => {
          const error = new ArgumentValidationError(err as never);
          // an input object's properties are named under its argument (formatError: "input.name")
          if (param.kind === 'arg') error.extensions[ARGUMENT_NAME] = param.name;
          throw error;
        },
      );
    };
  }
}
