import { GraphQLError } from 'graphql';
import { formatError } from '../../src/core/format-error';

describe('Error formatting in production', () => {
  const logged: unknown[][] = [];
  const format = formatError(true, (...args) => logged.push(args));

  it('should keep a bad variable and its reason but not its value', () => {
    const message =
      'Variable "$input" got invalid value { slug: "secret-slug", name: "x; y" } at "input.years.max"; Int cannot represent non-integer value: "ten"';
    const formatted = format(
      { message, extensions: { code: 'BAD_USER_INPUT' } },
      new GraphQLError(message),
    );
    expect(formatted.message).toBe(
      'Variable "$input" got an invalid value at "input.years.max"; Int cannot represent non-integer value: "ten"',
    );
  });

  it('should cut long quoted values to 80 characters, a quote left open too, and short ones not at all', () => {
    const long = 'q'.repeat(1_000_000);
    const cases: [string, string][] = [
      [
        `Expected value of type "Int", found "${long}"; and "short \\" one"`,
        `Expected value of type "Int", found "${'q'.repeat(80)}… (1000000 characters)"; and "short \\" one"`,
      ],
      [`Unterminated "${'"x'.repeat(1000)}${long}`, ''],
    ];
    for (const [message, expected] of cases) {
      const formatted = format(
        { message, extensions: { code: 'BAD_USER_INPUT' } },
        new GraphQLError(message),
      );
      if (expected) expect(formatted.message).toBe(expected);
      expect(formatted.message.length).toBeLessThan(2500);
    }
  });

  it('should mask an unexpected error, keeping only its code and request id', () => {
    const formatted = format(
      {
        message: 'SQLITE_ERROR: no such table',
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new Error('boom'),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toHaveLength(1);
  });

  it("should give Apollo's own refusals of a malformed request a client code", () => {
    const error = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400 } },
    });
    const formatted = format(
      { message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      error,
    );
    expect(formatted).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});
