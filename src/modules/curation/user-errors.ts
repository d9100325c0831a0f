import { FieldNode, GraphQLError, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { problemsOf } from '../../core/input-problems';
import { ClassType, Field, MiddlewareFn, ObjectType } from 'type-graphql';
import { ErrorCode } from '../../core/errors';

/** The refusals a mutation reports in its payload's userErrors: the caller's to fix, not ours. */
const BUSINESS_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
]);

@ObjectType({
  description:
    'Why a mutation changed nothing: a bad input, a record not found, or a conflict with what is stored.',
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the input field at fault, such as ["input", "version"]; null when no one field is.',
  })
  field: string[] | null;

  @Field({ description: 'What is wrong, for people.' })
  message: string;

  @Field({
    description:
      'BAD_USER_INPUT, NOT_FOUND or CONFLICT: the code the same refusal has as a top-level error.',
  })
  code: string;
}

const USER_ERRORS_DESCRIPTION =
  'Business errors (bad input, not found, conflict) when asked for: the write then changed nothing and the other fields are null. Empty on success. Not selected, they come as top-level errors, as before.';

/** Adds `userErrors` to a payload class (for payloads made by a factory). */
export function withUserErrors<T extends ClassType>(payload: T): T {
  Field(() => [UserError], { description: USER_ERRORS_DESCRIPTION })(
    payload.prototype,
    'userErrors',
  );
  return payload;
}

/** The decorator for payloads written as classes. */
export const UserErrorsField = () =>
  Field(() => [UserError], { description: USER_ERRORS_DESCRIPTION });

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function validationUserErrors(issues: ValidationIssue[], path: string[]): UserError[] {
  return issues.flatMap((issue) => [
    ...Object.values(issue.constraints ?? {}).map((message) => ({
      field: [...path, issue.property],
      message,
      code: ErrorCode.BAD_USER_INPUT,
    })),
    ...validationUserErrors(issue.children ?? [], [...path, issue.property]),
  ]);
}

/**
 * A business refusal as userErrors, or null for anything else (authentication, limits, faults
 * stay top-level errors). Our errors name the input at fault as `field` or `argument`
 * ("input.version"); class-validator's list each property under the argument.
 */
export function userErrorsOf(err: unknown, argument: string | undefined): UserError[] | null {
  if (!(err instanceof GraphQLError)) return null;
  const code = err.extensions?.code;
  if (typeof code !== 'string' || !BUSINESS_CODES.has(code)) return null;
  const issues = err.extensions.validationErrors as ValidationIssue[] | undefined;
  if (issues) return validationUserErrors(issues, argument ? [argument] : []);
  return problemsOf(err).map((p) => ({
    field: p.field ? p.field.split('.') : null,
    message: p.message,
    code: p.code,
  }));
}

/** Whether the mutation's selection asks for `userErrors`, through fragments too. */
function selectsUserErrors(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === 'userErrors';
      if (s.kind === Kind.INLINE_FRAGMENT) return inSet(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return inSet(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node: FieldNode) => inSet(node.selectionSet));
}

/**
 * On a mutation: when the caller selects `userErrors`, a business refusal comes back there (the
 * write rolled back with its transaction) instead of as a top-level error; a success has none.
 * A caller that does not ask keeps the top-level errors it always had.
 */
export const UserErrors: MiddlewareFn = userErrorsWith({});

/**
 * UserErrors for a payload whose other fields cannot be null: a refusal answers `refused` beside
 * its userErrors (`changed: false`, say: nothing changed).
 */
export function userErrorsWith(refused: object): MiddlewareFn {
  return async ({ info }, next) => {
    if (!selectsUserErrors(info)) return next();
    try {
      const result = await next();
      return result && typeof result === 'object'
        ? Object.assign(result, { userErrors: [] })
        : result;
    } catch (err) {
      const argument =
        info.fieldNodes[0]?.arguments?.length === 1
          ? info.fieldNodes[0].arguments[0].name.value
          : undefined;
      const userErrors = userErrorsOf(err, argument);
      if (!userErrors) throw err;
      return { ...refused, userErrors };
    }
  };
}
