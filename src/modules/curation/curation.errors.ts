import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors';

/** A write refused because it clashes with what is stored (a taken slug, a stale version...). */
export function conflict(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field } });
}

/** A write aimed at a record that does not exist. */
export function notFound(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND, field } });
}
