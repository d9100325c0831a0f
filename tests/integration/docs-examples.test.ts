import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  FragmentDefinitionNode,
  Kind,
  OperationDefinitionNode,
  parse,
  print,
  SelectionSetNode,
} from 'graphql';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { keyFor, runAs } from '../support/auth';
import { Result, TestServer } from '../support/server';

/**
 * Every GraphQL example of the README and of docs/ runs against the seeds and answers as its text
 * shows: no error (or the error code the doc shows), and no field that is empty in every place it
 * appears. An HTML comment right before a block adjusts that, and the list of them is kept small:
 *   <!-- example: skip (why) -->           not run
 *   <!-- example: empty ok: a, b.c -->     these result paths may be empty everywhere
 * Mutations run as an editor, each on a fresh server, so one cannot change another's outcome.
 */

const ROOT = join(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs');
const MARKDOWN = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
].sort();

interface Example {
  name: string;
  query: string;
  skip?: string;
  emptyOk: string[];
  /** Error codes the doc shows in the block of JSON that follows the example. */
  expectedCodes: string[];
}

function markdownExamples(file: string): Example[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const fence = /```(\w*)\n([\s\S]*?)```/g;
  const blocks = [...text.matchAll(fence)].map((m) => ({
    lang: m[1],
    body: m[2],
    start: m.index!,
    end: m.index! + m[0].length,
  }));
  return blocks.flatMap((block, i) => {
    if (block.lang !== 'graphql') return [];
    const before = text.slice(0, block.start).trimEnd();
    const directive = /<!--\s*example:\s*([^>]*?)\s*-->$/.exec(before)?.[1] ?? '';
    const next = blocks[i + 1];
    const shown =
      next && next.lang === 'json' && text.slice(block.end, next.start).trim() === ''
        ? next.body
        : '';
    const line = text.slice(0, block.start).split('\n').length;
    return [
      {
        name: `${file}:${line}`,
        query: block.body,
        skip: /^skip\b/.test(directive) ? directive : undefined,
        emptyOk:
          /empty ok:\s*(.*)$/
            .exec(directive)?.[1]
            .split(',')
            .map((s) => s.trim()) ?? [],
        expectedCodes: [...shown.matchAll(/"code":\s*"([A-Z_]+)"/g)].map((m) => m[1]),
      },
    ];
  });
}

const EXAMPLES: Example[] = [
  ...MARKDOWN.flatMap(markdownExamples),
  ...readdirSync(join(DOCS, 'examples'))
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({
      name: `docs/examples/${f}`,
      query: readFileSync(join(DOCS, 'examples', f), 'utf8'),
      emptyOk: [],
      expectedCodes: [],
    })),
];

/** A block may hold several operations (one line each): each runs on its own, with the block's fragments. */
function operationsOf(
  query: string,
): { text: string; mutation: boolean; composite: Set<string> }[] {
  const document = parse(query);
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const byName = new Map(fragments.map((f) => [f.name.value, f]));
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      // the response paths the example selects fields under (objects and lists)
      const composite = new Set<string>();
      const visit = (set: SelectionSetNode, path: string) => {
        for (const sel of set.selections) {
          if (sel.kind === Kind.FIELD && sel.selectionSet) {
            const at = `${path ? `${path}.` : ''}${(sel.alias ?? sel.name).value}`;
            composite.add(at);
            visit(sel.selectionSet, at);
          } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, path);
          else if (sel.kind === Kind.FRAGMENT_SPREAD) {
            const fragment = byName.get(sel.name.value);
            if (fragment) visit(fragment.selectionSet, path);
          }
        }
      };
      visit(op.selectionSet, '');
      return {
        text: [op, ...fragments].map((d) => print(d)).join('\n'),
        mutation: op.operation === 'mutation',
        composite,
      };
    });
}

/**
 * Result paths (list indexes dropped) that are empty in every place they appear: a list that is
 * always [], an object that is always null, or a root field that is null; and any object that
 * answers nothing but its `__typename` (an interface hit whose type the example has no fragment for). A null scalar is the
 * API's "unknown" (an open year range, a band with no stated maximum) and is not counted.
 */
function alwaysEmpty(
  data: Record<string, unknown> | null | undefined,
  composite: Set<string>,
): string[] {
  const filled = new Map<string, boolean>();
  const note = (path: string, ok: boolean) => filled.set(path, (filled.get(path) ?? false) || ok);
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      note(path, value.length > 0);
      for (const item of value) walk(item, path);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      // an object that answers only its __typename: the example has no fragment for its type
      if (keys.length === 1 && keys[0] === '__typename')
        note(`${path} (${(value as { __typename: string }).__typename}: no fields)`, false);
      note(path, true);
      for (const [key, v] of Object.entries(value)) {
        if (v === null && !path) note(key, false);
        else if (v === null) nullSeen.add(`${path}.${key}`);
        else walk(v, path ? `${path}.${key}` : key);
      }
    }
  };
  // a field null everywhere is empty when the example selects fields under it (an object or a list)
  const nullSeen = new Set<string>();
  walk(data ?? {}, '');
  for (const path of nullSeen) if (!filled.has(path) && composite.has(path)) note(path, false);
  return [...filled].filter(([, ok]) => !ok).map(([path]) => path);
}

const codesIn = (result: Result): string[] => {
  const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
  JSON.stringify(result.data ?? {}, (key, value) => {
    if (key === 'userErrors' && Array.isArray(value))
      codes.push(...value.map((e: { code: string }) => e.code));
    return value;
  });
  return codes;
};

describe('Examples in the README and docs/', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should find the examples, and only a few skipped', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(15);
    expect(EXAMPLES.filter((e) => e.skip).length).toBeLessThanOrEqual(3);
  });

  const run = EXAMPLES.filter((e) => !e.skip);
  it.each(run.map((e) => [e.name, e] as const))(
    'should answer %s as the text shows',
    async (_name, example) => {
      for (const op of operationsOf(example.query)) {
        let result: Result;
        if (op.mutation) {
          // a fresh database per mutation, written as an editor, as the docs say writes are
          const fresh = await TestServer.start();
          try {
            const { auth } = await keyFor(fresh, ApiRole.EDITOR, 'docs example');
            result = await runAs(fresh, auth, op.text);
          } finally {
            await fresh.stop();
          }
        } else {
          result = await server.run(op.text);
        }
        if (example.expectedCodes.length > 0) {
          expect(codesIn(result)).toEqual(example.expectedCodes);
          continue;
        }
        expect(result.errors ?? []).toEqual([]);
        expect(
          alwaysEmpty(result.data, op.composite).filter((path) => !example.emptyOk.includes(path)),
        ).toEqual([]);
      }
    },
  );
});

describe('Links in the README, CONTRIBUTING.md and docs/', () => {
  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
  const anchorOf = (heading: string) =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
  const anchorsIn = (file: string) =>
    new Set(
      readFileSync(file, 'utf8')
        .replace(/```[\s\S]*?```/g, '')
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => anchorOf(l.replace(/^#+ /, ''))),
    );

  const links = [...MARKDOWN, 'bench/README.md'].flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/i.test(target))
      .map((target) => ({ file, target }));
  });

  it('should have links to check', () => {
    expect(links.length).toBeGreaterThan(30);
  });

  it('should point every relative link at a file that exists, and at a heading it has', () => {
    const broken = links.filter(({ file, target }) => {
      const [path, anchor] = target.split('#');
      const resolved = path ? join(ROOT, dirname(file), path) : join(ROOT, file);
      if (!existsSync(resolved)) return true;
      return Boolean(anchor) && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor);
    });
    expect(broken.map(({ file, target }) => `${file} → ${target}`)).toEqual([]);
  });
});
