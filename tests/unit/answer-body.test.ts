import { HeaderMap } from '@apollo/server';
import {
  AnswerBody,
  answerBodyPart,
  ENCODE_ONCE,
  jsonBytes,
  LARGE_ANSWER,
  stringifyAnswer,
} from '../../src/core/http/answer-body';

/** A role-like tree of about `roles` × 40 objects, with en dashes, escapes and odd values. */
function bigAnswer(roles: number): Record<string, unknown> {
  return {
    roles: {
      edges: Array.from({ length: roles }, (_, r) => ({
        cursor: `cursor:${r}`,
        node: {
          name: `Role ${r} – back-end "quoted" \\ slash\u2028line\ttab`,
          skipped: undefined,
          levels: Array.from({ length: 8 }, (_, l) => ({
            title: `Level ${l} 😀 ${'x'.repeat(l * 30)}`,
            years: l === 3 ? null : l * 1.5,
            flags: [true, false, undefined, null, NaN, -0, 1e21],
            skills: Array.from({ length: 4 }, (_, s) => ({
              name: `Skill ${s} — café`,
              '"odd key"': s,
              3: 'integer key first',
            })),
          })),
        },
      })),
    },
  };
}

function send(data: object, body: AnswerBody | undefined, document?: object) {
  void answerBodyPart.willSendResponse!(
    {
      contextValue: { answerBody: body },
      document,
      response: {
        body: { kind: 'single', singleResult: { data } },
        http: { headers: new HeaderMap() },
      },
    } as never,
    undefined,
  );
}

describe('answer bytes made in pieces', () => {
  it('should be the bytes of JSON.stringify for any value, small or large', () => {
    const values: unknown[] = [
      null,
      'plain – dash',
      42,
      [],
      {},
      [undefined, () => 1, Symbol('s'), { a: undefined }],
      { date: new Date(0), boxed: [new String('s'), new Number(2), new Boolean(false)] },
      bigAnswer(1),
      bigAnswer(60),
      { data: bigAnswer(200), extensions: { cost: { requested: 3 } } },
    ];
    for (const value of values)
      expect(jsonBytes(value, '\n').equals(Buffer.from(`${JSON.stringify(value)}\n`))).toBe(true);
  });

  it('should hand a large answer to the route as bytes, and leave Apollo an empty string', () => {
    const data = bigAnswer(200);
    const body: AnswerBody = {};
    send(data, body);
    const value = { data, extensions: { sqlStatements: 0 } };
    expect(JSON.stringify(value).length).toBeGreaterThan(LARGE_ANSWER);
    expect(stringifyAnswer(value)).toBe('');
    expect(body.bytes!.toString()).toBe(`${JSON.stringify(value)}\n`);
  });

  it('should not stringify a large answer whole once its document has answered large before', () => {
    const document = { kind: 'Document' };
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const answers = [bigAnswer(200), bigAnswer(201), bigAnswer(1)].map((data) => {
        const body: AnswerBody = {};
        send(data, body, document);
        const value = { data };
        const text = stringifyAnswer(value);
        return { value, text, body, whole: stringify.mock.calls.some(([arg]) => arg === value) };
      });
      // the first is measured by its string; the second by a walk, then made in pieces
      expect(answers.map((a) => a.whole)).toEqual([true, false, true]);
      expect(answers[1].text).toBe('');
      expect(answers[1].body.bytes!.toString()).toBe(`${JSON.stringify(answers[1].value)}\n`);
      // a small answer of the same document is still Apollo's string
      expect(answers[2].text).toBe(`${JSON.stringify(answers[2].value)}\n`);
    } finally {
      stringify.mockRestore();
    }
  });

  it('should still make bytes in pieces when escapes make an answer longer than it looked', () => {
    // 20,000 characters that JSON writes as six each: the walk that decides counts them as one
    const data = { controls: '\u0001'.repeat(20_000) };
    const body: AnswerBody = {};
    const document = { kind: 'Document' };
    const earlier = bigAnswer(200);
    send(earlier, {}, document);
    expect(stringifyAnswer({ data: earlier })).toBe(''); // the document has answered large
    send(data, body, document);
    expect(JSON.stringify({ data }).length).toBeGreaterThan(LARGE_ANSWER);
    expect(stringifyAnswer({ data })).toBe('');
    expect(body.bytes!.toString()).toBe(`${JSON.stringify({ data })}\n`);
  });

  it('should hand a mid-sized answer to the route as its UTF-8 bytes, each its own', () => {
    const answers = [bigAnswer(4), bigAnswer(5)].map((data) => {
      const body: AnswerBody = {};
      send(data, body);
      const value = { data, extensions: { sqlStatements: 0 } };
      const length = JSON.stringify(value).length;
      expect(length).toBeGreaterThanOrEqual(ENCODE_ONCE);
      expect(length).toBeLessThan(LARGE_ANSWER);
      expect(stringifyAnswer(value)).toBe('');
      return { value, body };
    });
    // the second answer's encoding did not touch the first's bytes
    for (const { value, body } of answers)
      expect(body.bytes!.equals(Buffer.from(`${JSON.stringify(value)}\n`))).toBe(true);
  });

  it("should leave small answers, and answers the route did not ask for, to Apollo's string", () => {
    const small = bigAnswer(1);
    const body: AnswerBody = {};
    send(small, body);
    expect(stringifyAnswer({ data: small })).toBe(`${JSON.stringify({ data: small })}\n`);
    expect(body.bytes).toBeUndefined();

    const large = bigAnswer(200); // no slot: in process, a batch
    send(large, undefined);
    expect(stringifyAnswer({ data: large })).toBe(`${JSON.stringify({ data: large })}\n`);
  });
});
