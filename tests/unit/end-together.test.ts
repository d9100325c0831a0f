import http, { ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { endWithTurn } from '../../src/core/http/end-together';

/**
 * A stand-in for a response: what endWithTurn reads of one, and the bodies it was ended with;
 * `onEnd` runs after each end.
 */
function fakeResponse(
  state: { destroyed?: boolean; writableEnded?: boolean } = {},
  onEnd: (body: string | Buffer) => void = () => undefined,
) {
  const ended: (string | Buffer)[] = [];
  const res = {
    destroyed: state.destroyed ?? false,
    writableEnded: state.writableEnded ?? false,
    end: (body: string | Buffer) => {
      ended.push(body);
      res.writableEnded = true;
      onEnd(body);
    },
  };
  return { res: res as unknown as ServerResponse, ended };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('endWithTurn (answers ended together at the end of the turn)', () => {
  it('should end nothing at once, then every answer of the turn once, in the order they finished', async () => {
    const order: (string | Buffer)[] = [];
    const made = ['a', 'b', 'c'].map((body) => {
      const f = fakeResponse({}, (b) => order.push(b));
      endWithTurn(f.res, body);
      return f;
    });
    expect(made.map((m) => m.ended.length)).toEqual([0, 0, 0]);
    await nextTurn();
    expect(order).toEqual(['a', 'b', 'c']);
    expect(made.map((m) => m.ended)).toEqual([['a'], ['b'], ['c']]);
  });

  it('should leave alone an answer whose client went away or that was answered meanwhile', async () => {
    const gone = fakeResponse({ destroyed: true });
    const answered = fakeResponse({ writableEnded: true });
    const live = fakeResponse();
    endWithTurn(gone.res, 'x');
    endWithTurn(answered.res, 'y');
    endWithTurn(live.res, 'z');
    await nextTurn();
    expect(gone.ended).toEqual([]);
    expect(answered.ended).toEqual([]);
    expect(live.ended).toEqual(['z']);
  });

  it('should end an answer finished while a batch is being ended in a turn of its own', async () => {
    const later = fakeResponse();
    const first = fakeResponse({}, () => endWithTurn(later.res, 'later'));
    endWithTurn(first.res, 'first');
    await nextTurn();
    expect(first.ended).toEqual(['first']);
    expect(later.ended).toEqual([]);
    await nextTurn();
    expect(later.ended).toEqual(['later']);
  });

  it('should deliver every answer whole over real connections, many at once', async () => {
    const endedAtOnce: boolean[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.stringify({
          echo: Buffer.concat(chunks).toString(),
          pad: 'é'.repeat(3000),
        });
        res.setHeader('content-type', 'application/json');
        endWithTurn(res, body);
        endedAtOnce.push(res.writableEnded);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: `request ${i}` }).then(
            (r) => r.json() as Promise<{ echo: string; pad: string }>,
          ),
        ),
      );
      expect(answers.map((a) => a.echo)).toEqual(
        Array.from({ length: 40 }, (_, i) => `request ${i}`),
      );
      expect(answers.every((a) => a.pad === 'é'.repeat(3000))).toBe(true);
      expect(endedAtOnce).toEqual(Array.from({ length: 40 }, () => false));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
