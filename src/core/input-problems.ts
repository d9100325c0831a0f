import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/** What a client can fix in its input: reported together, not one per attempt. */
const FIXABLE = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND]);

/** One problem of an input, as `extensions.problems` lists it. */
export interface InputProblem {
  /** The input's path at fault, such as "input.cite[1].source". */
  field: string | null;
  message: string;
  code: string;
}

const problemOf = (err: GraphQLError): InputProblem => ({
  field: ((err.extensions.field ?? err.extensions.argument) as string | undefined) ?? null,
  message: err.message,
  code: err.extensions.code as string,
});

/** The problems an error stands for: its own list, or itself. */
export function problemsOf(err: GraphQLError): InputProblem[] {
  return (err.extensions.problems as InputProblem[] | undefined) ?? [problemOf(err)];
}

/**
 * Checks of one input run one after another, each refusal the client can fix (BAD_USER_INPUT,
 * NOT_FOUND) kept rather than thrown, so that `done()` reports every one at once. Anything else
 * (a conflict, a fault) is thrown at once.
 */
export class InputProblems {
  private readonly found: GraphQLError[] = [];

  /** `check()`'s answer, or undefined when it was refused for a reason now kept. */
  async run<T>(check: () => Promise<T> | T): Promise<T | undefined> {
    try {
      return await check();
    } catch (err) {
      if (!(err instanceof GraphQLError) || !FIXABLE.has(err.extensions.code as string)) throw err;
      this.add(err);
      return undefined;
    }
  }

  /** Keeps a refusal found without a check that throws. */
  add(err: GraphQLError): void {
    this.found.push(err);
  }

  /**
   * Throws what was kept: one refusal as it was, several as one error whose message joins theirs,
   * naming the first's field as before, with every one in `extensions.problems`.
   */
  done(): void {
    if (this.found.length === 0) return;
    if (this.found.length === 1) throw this.found[0];
    const problems = this.found.flatMap(problemsOf);
    const [first] = this.found;
    throw new GraphQLError(problems.map((p) => p.message).join('; '), {
      extensions: { ...first.extensions, problems },
    });
  }
}
