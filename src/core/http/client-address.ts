import { IncomingMessage } from 'node:http';

/**
 * The client's address, as Express's `req.ip` gives it with `trust proxy` set to a number of
 * hops: the connection's address, or with `hops` proxies trusted, the address that many entries
 * back in X-Forwarded-For (the furthest one when there are fewer).
 */
export function clientAddress(req: IncomingMessage, hops: number): string | undefined {
  const socket = req.socket.remoteAddress;
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  if (!header) return socket;
  const forwarded = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
    .reverse();
  const all = [socket, ...forwarded];
  return all[Math.min(hops, all.length - 1)];
}
