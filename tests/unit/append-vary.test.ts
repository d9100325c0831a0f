import { ServerResponse } from 'node:http';
import { appendVary } from '../../src/core/http/node-http';

/** A response holding only its headers, as appendVary uses it. */
function response(vary?: string | string[]): ServerResponse {
  const headers = new Map<string, unknown>(vary === undefined ? [] : [['vary', vary]]);
  return {
    getHeader: (name: string) => headers.get(name),
    setHeader: (name: string, value: unknown) => headers.set(name, value),
  } as unknown as ServerResponse;
}

describe('appendVary', () => {
  it.each([
    [undefined, 'Accept-Encoding'],
    ['Origin', 'Origin, Accept-Encoding'],
    [['Origin', 'Accept'], 'Origin, Accept, Accept-Encoding'],
    ['origin, accept-encoding', 'origin, accept-encoding'],
    ['Origin,Accept-Encoding', 'Origin,Accept-Encoding'],
    ['*', '*'],
    ['X-Accept-Encoding', 'X-Accept-Encoding, Accept-Encoding'],
    ['', 'Accept-Encoding'],
  ])('should turn Vary %j into %j', (before, after) => {
    const res = response(before);
    appendVary(res, 'Accept-Encoding');
    expect(res.getHeader('vary')).toBe(after);
  });
});
