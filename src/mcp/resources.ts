import { randomUUID } from 'node:crypto';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { Context, createContext } from '../core/context';
import { byId } from '../core/loaders';
import { findBySlug } from '../core/slug-lookup';
import { transitionsFrom } from '../modules/paths/transition.loader';
import { Role } from '../modules/roles/role.entity';
import { RoleLevel } from '../modules/roles/role-level.entity';
import { levelsOfRole } from '../modules/roles/role.loader';
import { payAtLevel } from '../modules/salaries/pay.service';
import { PayScope } from '../modules/salaries/pay-scope';
import { Skill } from '../modules/skills/skill.entity';
import { requirementsOfLevel } from '../modules/skills/skill.loader';
import { citationsFor, citationsOfOne, citeText, distinctCitations } from './cite';
import { bandFigures, pay, range, regionText, years } from './format';
import { describeRoleTool } from './tools/describe-role.tool';

/** JSON-RPC's "resource not found" (the MCP specification's code for an unknown URI). */
const RESOURCE_NOT_FOUND = -32002;

export const ROLE_URI = 'careergraph://roles/{slug}';
export const LEVEL_URI = 'careergraph://levels/{slug}';
const roleUri = (slug: string) => `careergraph://roles/${slug}`;
const levelUri = (slug: string) => `careergraph://levels/${slug}`;

/** A page as a resource: the text a chatbot reads, and the same facts as JSON for programs. */
const page = (uri: string, text: string, structured: unknown): ReadResourceResult => ({
  contents: [
    { uri, mimeType: 'text/markdown', text },
    { uri, mimeType: 'application/json', text: JSON.stringify(structured) },
  ],
});

const notFound = (uri: string, what: string) =>
  new McpError(
    RESOURCE_NOT_FOUND,
    `Resource not found: ${uri} (${what}; list the resources, or find slugs with the search tool)`,
  );

/** A role level's page: experience, pay (its own or its role's, said which), skills and next moves, cited. */
export async function levelPage(ctx: Context, slug: string) {
  const level = await findBySlug(ctx.loaders, RoleLevel, slug);
  if (!level) return null;
  const [role, siblings, requirements, moves, atLevel, levelCitations] = await Promise.all([
    ctx.loaders.use(byId(Role)).load(level.roleId) as Promise<Role>,
    ctx.loaders.use(levelsOfRole).load(level.roleId),
    ctx.loaders.load(requirementsOfLevel, level.id),
    ctx.loaders.use(transitionsFrom).load(level.id),
    payAtLevel(ctx, level),
    citationsOfOne(ctx, 'RoleLevel', level.id),
  ]);
  const [skills, targets, moveCitations, bandCitations] = await Promise.all([
    ctx.loaders.use(byId(Skill)).loadMany(requirements.map((r) => r.skillId)),
    ctx.loaders.use(byId(RoleLevel)).loadMany(moves.map((m) => m.toLevelId)),
    citationsFor(
      ctx,
      'CareerTransition',
      moves.map((m) => m.id),
    ),
    citationsFor(
      ctx,
      'SalaryBand',
      atLevel.bands.map((b) => b.id),
    ),
  ]);
  const structured = {
    slug: level.slug,
    name: level.name,
    role: { slug: role.slug, name: role.name, uri: roleUri(role.slug) },
    rank: level.rank,
    levelsInRole: siblings.length,
    yearsOfExperience: range(level.yearsOfExperienceQuantity),
    yearsInLevel: range(level.yearsInLevelQuantity),
    payScope:
      atLevel.scope === PayScope.LEVEL ? 'level' : atLevel.scope === PayScope.ROLE ? 'role' : null,
    pay: atLevel.bands.map((b, i) => ({ ...bandFigures(b), citations: bandCitations[i] })),
    skills: requirements.map((r, i) => ({
      name: (skills[i] as Skill | null)?.name ?? `skill ${r.skillId}`,
      importance: r.importance,
    })),
    nextMoves: moves.map((m, i) => ({
      kind: m.kind,
      to: {
        slug: (targets[i] as RoleLevel).slug,
        name: (targets[i] as RoleLevel).name,
        uri: levelUri((targets[i] as RoleLevel).slug),
      },
      typicalYears: range(m.typicalYearsQuantity),
      citations: moveCitations[i],
    })),
    citations: levelCitations,
    sources: distinctCitations([levelCitations, ...bandCitations, ...moveCitations]),
  };
  const lines = [
    `# ${level.name}`,
    '',
    `Level ${level.rank} of ${siblings.length} of the ${role.name} role (${roleUri(role.slug)}).${citeText(levelCitations)}`,
  ];
  const exp = years(structured.yearsOfExperience);
  const stay = years(structured.yearsInLevel);
  if (exp || stay)
    lines.push(
      `${exp ? `Experience asked: ${exp}.` : ''}${exp && stay ? ' ' : ''}${stay ? `Typical time at this level: ${stay}.` : ''}`,
    );
  lines.push('', '## Pay');
  if (structured.pay.length) {
    if (structured.payScope === 'role')
      lines.push(
        `No source states pay for this level; these figures cover the whole ${role.name} role.`,
      );
    for (const b of structured.pay)
      lines.push(
        `- ${b.label}: ${pay(b)}${regionText(b.region)}${b.year ? `, ${b.year}` : ''}.${citeText(b.citations)}`,
      );
  } else lines.push('No guide gives a pay figure for this level or its role.');
  lines.push('', '## Skills asked');
  for (const importance of ['REQUIRED', 'RECOMMENDED', 'OPTIONAL']) {
    const names = structured.skills.filter((s) => s.importance === importance).map((s) => s.name);
    if (names.length) lines.push(`- ${importance.toLowerCase()}: ${names.join(', ')}.`);
  }
  if (!structured.skills.length) lines.push('No skill is listed for this level.');
  lines.push('', '## Next moves');
  for (const m of structured.nextMoves) {
    const time = years(m.typicalYears);
    lines.push(
      `- ${m.kind.toLowerCase()} to ${m.to.name} (${m.to.uri})${time ? ` after ${time}` : ''}.${citeText(m.citations)}`,
    );
  }
  if (!structured.nextMoves.length) lines.push('The sources describe no move from this level.');
  return { structured, text: lines.join('\n') };
}

/** Runs `read` on a fresh per-read context, turning an unknown slug into "resource not found". */
async function withContext<T>(db: DataSource, read: (ctx: Context) => Promise<T>): Promise<T> {
  return read(createContext(db, `mcp-resource-${randomUUID()}`));
}

/**
 * Role and level pages as resource templates, each listable: a chatbot host can show them in a
 * picker or attach one to a conversation. The pages say what the tools say, from the same services.
 */
export function registerResources(server: McpServer, db: DataSource): void {
  server.registerResource(
    'role',
    new ResourceTemplate(ROLE_URI, {
      list: () =>
        withContext(db, async (ctx) => ({
          resources: [...(await (await ctx.loaders.tables()).ordered(Role, 'name'))].map((r) => ({
            uri: roleUri(r.slug),
            name: r.slug,
            title: r.name,
            description: r.summary,
            mimeType: 'text/markdown',
          })),
        })),
    }),
    {
      title: 'Role page',
      description:
        'A role: summary, levels, required skills, pay, outlook, related roles and employers, each fact cited (what describe_role answers).',
      mimeType: 'text/markdown',
    },
    (uri, { slug }) =>
      withContext(db, async (ctx) => {
        const role = await findBySlug(ctx.loaders, Role, String(slug));
        if (!role) throw notFound(uri.href, `no role has slug "${slug}"`);
        try {
          const answer = await describeRoleTool.run(ctx, { role: role.slug });
          return page(uri.href, `# ${role.name}\n\n${answer.text}`, answer.structured);
        } catch (err) {
          if (err instanceof GraphQLError) throw notFound(uri.href, err.message);
          throw err;
        }
      }),
  );
  server.registerResource(
    'level',
    new ResourceTemplate(LEVEL_URI, {
      list: () =>
        withContext(db, async (ctx) => {
          const tables = await ctx.loaders.tables();
          const roles = new Map((await tables.rows(Role)).map((r) => [r.id, r]));
          const levels = [...(await tables.rows(RoleLevel))].sort(
            (a, b) =>
              (roles.get(a.roleId)?.name ?? '').localeCompare(roles.get(b.roleId)?.name ?? '') ||
              a.rank - b.rank,
          );
          return {
            resources: levels.map((l) => ({
              uri: levelUri(l.slug),
              name: l.slug,
              title: l.name,
              description: `Level ${l.rank} of the ${roles.get(l.roleId)?.name ?? 'unknown'} role: experience, pay, skills and next moves.`,
              mimeType: 'text/markdown',
            })),
          };
        }),
    }),
    {
      title: 'Role level page',
      description:
        "A role level: the experience it asks for, the pay there (its own figures, or its role's, said which), the skills it asks for and the moves from it, each cited.",
      mimeType: 'text/markdown',
    },
    (uri, { slug }) =>
      withContext(db, async (ctx) => {
        const found = await levelPage(ctx, String(slug));
        if (!found) throw notFound(uri.href, `no role level has slug "${slug}"`);
        return page(uri.href, found.text, found.structured);
      }),
  );
}
