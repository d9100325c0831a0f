import { NodeHandler, sendJson } from '../../http/node-http';
import { ErrorCode } from '../../errors';
import { errorBody } from '../refusals';

/**
 * After the JSON parser: a POST whose body it did not parse was not `application/json`; answer
 * 415 instead of letting Apollo report a missing body as a server error. (Apollo's CSRF check
 * would also refuse the "simple" types browsers send cross-site; this refuses every other one.)
 */
export function requireJsonBody(): NodeHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && req.body === undefined) {
      if (/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        sendJson(
          res,
          400,
          errorBody(
            'The request body is empty: send a JSON object with a query',
            ErrorCode.BAD_REQUEST,
          ),
        );
        return;
      }
      sendJson(
        res,
        415,
        errorBody(
          'POST /graphql takes a JSON body: send content-type: application/json',
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        ),
      );
      return;
    }
    next();
  };
}

/** Batched (JSON array) requests: refused when `max` is 0, else capped at `max` operations. */
export function batchPolicy(max: number): NodeHandler {
  return (req, res, next) => {
    if (!Array.isArray(req.body)) return next();
    if (max === 0) {
      sendJson(
        res,
        400,
        errorBody(
          'Batched requests are turned off here (BATCH_MAX_OPERATIONS=0): send one operation per request',
          ErrorCode.BATCHING_DISABLED,
        ),
      );
      return;
    }
    if (req.body.length > max) {
      sendJson(
        res,
        400,
        errorBody(
          `A batch holds at most ${max} operations (BATCH_MAX_OPERATIONS); this one has ${req.body.length}`,
          ErrorCode.BATCH_TOO_LARGE,
          {
            limit: max,
          },
        ),
      );
      return;
    }
    next();
  };
}
