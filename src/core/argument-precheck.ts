import { getMetadataStorage, ValidationTypes, ValidatorOptions } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type Validator = ReturnType<Storage['getTargetValidatorConstraints']>[number]['instance'];

interface PropertyPlan {
  name: string;
  /** @IsOptional, @ValidateIf: the property is checked only when all of them hold. */
  conditions: Metadata[];
  checks: { metadata: Metadata; validators: Validator[] }[];
}

/** A class's constraints as the checks below run them, or null when only class-validator may judge. */
type Plan = PropertyPlan[] | null;

const isPromise = (p: unknown) =>
  p !== null && typeof p === 'object' && typeof (p as { then?: unknown }).then === 'function';

function planOf(storage: Storage, grouped: Record<string, Metadata[]>): Plan {
  const plan: PropertyPlan[] = [];
  for (const name of Object.keys(grouped)) {
    const property: PropertyPlan = { name, conditions: [], checks: [] };
    for (const metadata of grouped[name]) {
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION)
        property.conditions.push(metadata);
      else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION)
        property.checks.push({
          metadata,
          // each `instance` looked up once: class-validator's default container (this project
          // sets no other, see useContainer) holds one instance per class for good
          validators: storage
            .getTargetValidatorConstraints(metadata.constraintCls)
            .map((c) => c.instance),
        });
      else if (metadata.type !== ValidationTypes.WHITELIST) return null; // nested, promised, defined
    }
    plan.push(property);
  }
  return plan;
}

/**
 * Whether class-validator's `validate(object, options)` would find nothing wrong, known without
 * its machinery (an error object per property, closures and filters per constraint: most of a
 * `skillGap` request's validation time): the same conditions, skips and constraint functions,
 * called with the same arguments, as ValidationExecutor calls them when nothing fails. False means
 * "not known here" (a constraint failed or answered with a promise; a nested, promised or
 * IsDefined constraint; groups or whitelisting): class-validator then judges, so every error
 * and message is its own. Plans are kept per list of metadata, which argument-validation.ts's
 * memo replaces whenever a constraint is added.
 *
 * Checked against: class-validator 0.15.1 (ValidationExecutor.execute, performValidations,
 * customValidations).
 */
export function passesOutright(options: ValidatorOptions): (object: object) => boolean {
  if (options.groups !== undefined || options.whitelist) return () => false;
  const always = options.always || false;
  const strictGroups = options.strictGroups || false;
  const plans = new WeakMap<Metadata[], Plan>();
  return (object) => {
    const storage = getMetadataStorage();
    const metadatas = storage.getTargetValidationMetadatas(
      object.constructor,
      undefined as unknown as string,
      always,
      strictGroups,
    );
    let plan = plans.get(metadatas);
    if (plan === undefined) {
      plan = metadatas.length ? planOf(storage, storage.groupByPropertyName(metadatas)) : null;
      plans.set(metadatas, plan);
    }
    return plan !== null && planPasses(plan, object as Record<string, unknown>, options);
  };
}

function planPasses(plan: PropertyPlan[], object: Record<string, unknown>, o: ValidatorOptions) {
  for (const { name, conditions, checks } of plan) {
    const value = object[name];
    let go = true;
    for (const c of conditions) go = (c.constraints[0](object, value) as boolean) && go;
    if (!go) continue;
    if (value === undefined && o.skipUndefinedProperties === true) continue;
    if (value === null && o.skipNullProperties === true) continue;
    if ((value === null || value === undefined) && o.skipMissingProperties === true) continue;
    for (const { metadata, validators } of checks) {
      if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
      for (const validator of validators) {
        const args = {
          targetName: object.constructor ? object.constructor.name : undefined,
          property: metadata.propertyName,
          object,
          value,
          constraints: metadata.constraints,
        };
        if (
          !metadata.each ||
          !(Array.isArray(value) || value instanceof Set || value instanceof Map)
        ) {
          const valid: unknown = validator.validate(value, args as never);
          if (!valid || isPromise(valid)) return false;
          continue;
        }
        const items = Array.isArray(value)
          ? value
          : value instanceof Map
            ? [...value.values()]
            : [...value];
        for (const item of items) {
          const valid: unknown = validator.validate(item, args as never);
          if (!valid || isPromise(valid)) return false;
        }
      }
    }
  }
  return true;
}
