import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { exportGraph } from '../../src/seeding/export';
import { loadSeedDirectory } from '../../src/seeding/loader';
import { keyFor, runAs } from '../support/auth';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { mcpClient, textOf, ToolResult } from '../support/mcp-client';
import { codeOf, TestServer } from '../support/server';

/**
 * Issue 14, item 9: a move whose cited spans name only its destination says its starting level
 * is a curator's choice (startBasis EDITORIAL, with startRationale), over the committed seeds.
 */
const MOVE = /* GraphQL */ `
  query ($from: String!, $to: String!) {
    careerPath(from: $from, to: $to) {
      steps {
        startBasis
        startRationale
        from {
          slug
        }
        to {
          slug
        }
      }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation ($input: CareerTransitionCreateInput!) {
    careerTransitionCreate(input: $input) {
      careerTransition {
        startBasis
        startRationale
      }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ($input: CareerTransitionUpdateInput!) {
    careerTransitionUpdate(input: $input) {
      careerTransition {
        version
        startBasis
        startRationale
      }
    }
  }
`;
const CITE = [{ source: 'backend-career-guide', section: 'Core technical skills' }];

describe('Starting level of a career transition', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let mcp: Client;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
    mcp = await mcpClient(server, 'transition-basis-test');
  });
  afterAll(async () => {
    await mcp.close();
    await server.stop();
  });

  it('should mark a route over an editorial start EDITORIAL, and leave such moves out with basis STATED', async () => {
    const ROUTE = /* GraphQL */ `
      query ($from: String!, $to: String!, $basis: Basis) {
        careerPath(from: $from, to: $to, basis: $basis) {
          basis
          route {
            basis
            to {
              slug
            }
          }
        }
      }
    `;
    const toCloud = { from: 'junior-backend-developer', to: 'cloud-engineer' };
    const all = (await server.data(ROUTE, toCloud)).careerPath;
    expect(all.basis).toBe('EDITORIAL');
    expect(all.route.map((s: { basis: string }) => s.basis)).toEqual([
      'STATED',
      'STATED',
      'EDITORIAL',
    ]);
    // no source names where a move into cloud engineering starts: no stated route there
    expect((await server.data(ROUTE, { ...toCloud, basis: 'STATED' })).careerPath).toBeNull();
    const ladder = (
      await server.data(ROUTE, {
        from: 'junior-backend-developer',
        to: 'lead-backend-developer',
        basis: 'STATED',
      })
    ).careerPath;
    expect(ladder.basis).toBe('STATED');
    expect(ladder.route).toHaveLength(3);
  });

  it('should say the senior → cloud engineer start is editorial, with a rationale, and the promotions stated', async () => {
    const cloud = (
      await server.data(MOVE, { from: 'senior-backend-developer', to: 'cloud-engineer' })
    ).careerPath;
    expect(cloud.steps).toHaveLength(1);
    expect(cloud.steps[0].startBasis).toBe('EDITORIAL');
    expect(cloud.steps[0].startRationale).toMatch(/senior/);

    const ladder = (
      await server.data(MOVE, { from: 'junior-backend-developer', to: 'lead-backend-developer' })
    ).careerPath;
    expect(ladder.steps.map((s: { startBasis: string }) => s.startBasis)).toEqual([
      'STATED',
      'STATED',
      'STATED',
    ]);
    expect(ladder.steps[0].startRationale).toBeNull();

    const text = textOf(
      (await mcp.callTool({
        name: 'career_path',
        arguments: { from: 'senior-backend-developer', to: 'cloud-engineer' },
      })) as ToolResult,
    );
    expect(text).toContain("the starting level is our editors' choice");
    const promotion = textOf(
      (await mcp.callTool({
        name: 'career_path',
        arguments: { from: 'junior-backend-developer', to: 'mid-level-backend-developer' },
      })) as ToolResult,
    );
    expect(promotion).not.toContain("our editors' choice");
  });

  it('should refuse an editorial start without a rationale, naming the field, and write nothing', async () => {
    const input = {
      from: 'junior-backend-developer',
      to: 'security-engineer',
      kind: 'LATERAL',
      startBasis: 'EDITORIAL',
      cite: CITE,
    };
    const missing = await runAs(server, editor, CREATE, { input });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].extensions?.argument).toBe('input.startRationale');
    const blank = await runAs(server, editor, CREATE, {
      input: { ...input, startRationale: '   ' },
    });
    expect(blank.errors?.[0].extensions?.argument).toBe('input.startRationale');
    const derived = await runAs(server, editor, CREATE, {
      input: { ...input, startBasis: 'DERIVED', startRationale: 'x' },
    });
    expect(derived.errors?.[0].extensions?.argument).toBe('input.startBasis');
    const none = await server.data(MOVE, {
      from: 'junior-backend-developer',
      to: 'security-engineer',
    });
    // no direct move was written: the route still climbs the ladder first
    expect(none.careerPath.steps.length).toBeGreaterThan(1);

    const created = await runAs(server, editor, CREATE, {
      input: { ...input, startRationale: 'a test judgement, not a statement of the sources' },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.careerTransitionCreate.careerTransition).toEqual({
      startBasis: 'EDITORIAL',
      startRationale: 'a test judgement, not a statement of the sources',
    });
    // clearing the rationale of an editorial start is refused; the move keeps its version
    const cleared = await runAs(server, editor, UPDATE, {
      input: {
        from: input.from,
        to: input.to,
        version: 1,
        changes: { startRationale: null },
      },
    });
    expect(cleared.errors?.[0].extensions?.argument).toBe('input.changes.startRationale');
    const stated = await runAs(server, editor, UPDATE, {
      input: { from: input.from, to: input.to, version: 1, changes: { startBasis: 'STATED' } },
    });
    expect(stated.data.careerTransitionUpdate.careerTransition).toMatchObject({
      version: 2,
      startBasis: 'STATED',
    });
  });

  it('should keep each starting basis and rationale through export and import', async () => {
    const copy = await TestServer.start({ seedsDir: null });
    try {
      const first = mkdtempSync(join(tmpdir(), 'careergraph-start-'));
      await exportGraph(server.db, first);
      await loadSeedDirectory(copy.db, first);
      const second = mkdtempSync(join(tmpdir(), 'careergraph-start-'));
      await exportGraph(copy.db, second);
      // an exported move sits in the file of the role it starts from
      const moves: { from: string; to: string; startBasis?: string }[] = parse(
        readFileSync(join(second, 'roles', 'backend-developer.yaml'), 'utf8'),
      ).roles[0].transitions;
      const cloud = moves.find((t) => t.to === 'cloud-engineer');
      expect(cloud).toMatchObject({
        from: 'senior-backend-developer',
        startBasis: 'EDITORIAL',
        startRationale: expect.stringMatching(/senior/),
      });
      expect(moves.filter((t) => t.startBasis === 'EDITORIAL').length).toBeGreaterThan(10);
      expect(moves.find((t) => t.to === 'senior-backend-developer')?.startBasis).toBeUndefined();
      const moved = await copy.data(MOVE, {
        from: 'senior-backend-developer',
        to: 'cloud-engineer',
      });
      expect(moved.careerPath.steps[0].startBasis).toBe('EDITORIAL');
    } finally {
      await copy.stop();
    }
  });

  it('should refuse a seed file whose editorial start gives no rationale, naming the field', async () => {
    const dir = copyOfSeeds();
    const empty = await TestServer.start({ seedsDir: null });
    try {
      editSeed(dir, 'roles/cloud-engineer.yaml', /\n *startRationale: .*/, '');
      await expect(loadSeedDirectory(empty.db, dir)).rejects.toThrow(/startRationale/);
    } finally {
      await empty.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
