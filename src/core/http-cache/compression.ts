import compression from 'compression';
import { RequestHandler } from 'express';

/**
 * gzip or brotli (whichever the client prefers) for bodies over 1 kB. Mounted on the JSON routes
 * and the playground's assets only: the MCP transport may stream events, which must not be buffered.
 */
export function compressResponses(): RequestHandler {
  return compression({ threshold: 1024 });
}
