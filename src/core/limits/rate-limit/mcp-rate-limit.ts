import { RequestHandler } from 'express';
import { ErrorCode } from '../../errors';
import { recordRateLimitRefusal } from '../../metrics';
import { BucketStore } from './bucket';
import { clientIdOf } from './client-id';

/** What one MCP request spends: about a career-path query with its stops, pay and advice. */
export const MCP_REQUEST_COST = 100;

/**
 * Rate limiting for POST /mcp, from the same buckets as GraphQL: a chatbot's tool calls and its
 * queries draw on one budget. Over budget, a JSON-RPC error with HTTP 429 and Retry-After.
 */
export function mcpRateLimit(buckets: BucketStore | null): RequestHandler {
  return async (req, res, next) => {
    if (!buckets || req.method !== 'POST') return next();
    try {
      const take = await buckets.take(clientIdOf({ clientIp: req.ip }), MCP_REQUEST_COST);
      res.setHeader('RateLimit-Limit', String(take.limit));
      res.setHeader('RateLimit-Remaining', String(take.remaining));
      res.setHeader('RateLimit-Reset', String(take.resetSeconds));
      if (take.allowed) return next();
      recordRateLimitRefusal('mcp');
      res.setHeader('Retry-After', String(take.retryAfterSeconds));
      res.status(429).json({
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: `Rate limited: retry in ${take.retryAfterSeconds} s`,
          data: { code: ErrorCode.RATE_LIMITED },
        },
        id: null,
      });
    } catch (err) {
      next(err);
    }
  };
}
