import { GraphQLError } from 'graphql';
import {
  compositeGlobalId,
  connectionFromArray,
  decodeCursor,
  encodeCursor,
  fromGlobalId,
  pageWindow,
  toGlobalId,
} from '../../src/core/relay';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return [(err as GraphQLError).extensions.code, (err as GraphQLError).extensions.argument];
  }
  return null;
};

describe('Relay helpers', () => {
  it('should round-trip global ids and reject ids we did not issue', () => {
    const id = toGlobalId('Role', 'backend-developer');
    expect(id).not.toContain('backend');
    expect(fromGlobalId(id)).toEqual({ type: 'Role', slug: 'backend-developer' });
    expect(fromGlobalId(compositeGlobalId('CareerTransition', 'a-1', 'b-2'))).toEqual({
      type: 'CareerTransition',
      slug: 'a-1/b-2',
    });
    expect(fromGlobalId(Buffer.from('SkillRequirement:a/b/c/d').toString('base64url'))).toBeNull();
    expect(fromGlobalId(Buffer.from('CareerTransition:a//b').toString('base64url'))).toBeNull();
    expect(fromGlobalId('not an id!')).toBeNull();
    expect(fromGlobalId(Buffer.from('Role:Robert"); DROP TABLE').toString('base64url'))).toBeNull();
  });

  it('should round-trip cursors and refuse forged ones naming the argument', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(codeOf(() => decodeCursor('bm9wZQ'))).toEqual(['BAD_USER_INPUT', 'after']);
    expect(codeOf(() => decodeCursor(Buffer.from('cursor:v1:-3').toString('base64url')))).toEqual([
      'BAD_USER_INPUT',
      'after',
    ]);
  });

  it('should read a cursor this process has not handed out yet (another server, a restart) as any other', () => {
    const fromElsewhere = (offset: number) =>
      Buffer.from(`cursor:v1:${offset}`).toString('base64url');
    expect(decodeCursor(fromElsewhere(3071))).toBe(3071);
    expect(encodeCursor(3071)).toBe(fromElsewhere(3071));
    expect(decodeCursor(fromElsewhere(3071))).toBe(3071);
    // past the table of issued cursors
    expect(decodeCursor(encodeCursor(123456))).toBe(123456);
    expect(codeOf(() => decodeCursor(`${encodeCursor(5)}=`, 'before'))).toEqual([
      'BAD_USER_INPUT',
      'before',
    ]);
  });

  it('should bound first to 1..100 with a default of 20', () => {
    expect(pageWindow({})).toEqual({ offset: 0, limit: 20 });
    expect(pageWindow({ first: 100, after: encodeCursor(9) })).toEqual({ offset: 10, limit: 100 });
    expect(codeOf(() => pageWindow({ first: 0 }))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => pageWindow({ first: 101 }))).toEqual(['BAD_USER_INPUT', 'first']);
  });

  it('should page an array with cursors that continue where the last page ended', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const first = connectionFromArray(items, { first: 2 });
    expect(first.nodes).toEqual(['a', 'b']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = connectionFromArray(items, { first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual(['c', 'd']);
    const last = connectionFromArray(items, { first: 2, after: second.pageInfo.endCursor });
    expect(last.nodes).toEqual(['e']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(last.totalCount).toBe(5);
  });
});
