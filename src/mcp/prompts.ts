import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const ask = (text: string): GetPromptResult => ({
  messages: [{ role: 'user', content: { type: 'text', text } }],
});

const CITE =
  'Quote every figure as the tool gives it and name its source in brackets; where sources differ, give both figures. Say plainly when the sources say nothing.';

/** "I hold Java, sql ,  Docker" → ["Java", "sql", "Docker"]. */
export const skillList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Prompts a chatbot host lists as ready-made questions (slash commands, a menu). Each names the
 * tools to call and how to answer; the tools do the work.
 */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'plan_move',
    {
      title: 'Plan a move from one role to another',
      description:
        'A plan from where someone is to where they want to be: the route, the time, the pay on the way and the skills to build.',
      argsSchema: {
        from: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .describe(
            'Where the person is now: a role or level name or slug, such as "junior back-end developer".',
          ),
        to: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .describe('Where they want to be: a role or level, such as "engineering manager".'),
        skills: z
          .string()
          .max(2000)
          .optional()
          .describe('Skills they already hold, comma-separated (optional).'),
      },
    },
    ({ from, to, skills }) => {
      const have = skills ? skillList(skills) : [];
      return ask(
        `I am a ${from} and want to become a ${to}. Plan the move with the careergraph tools:\n` +
          `1. Find the slugs of "${from}" and "${to}" with search (types RoleLevel and Role) unless they are slugs already.\n` +
          '2. Call career_path with those slugs for the quickest cited route: each move, its typical years and the pay at each stop.\n' +
          (have.length
            ? `3. Call skill_gap with the target level and have: ${JSON.stringify(have)}, and say what I lack, most important first.\n`
            : '3. Call skill_gap with the target level and the skills I tell you I hold; ask me for them if you need to.\n') +
          '4. Call compare_levels with my level and the target level to show what changes.\n' +
          `Answer with the steps in order, the total time and the change in pay. ${CITE}`,
      );
    },
  );
  server.registerPrompt(
    'fit_my_skills',
    {
      title: 'What fits my skills',
      description:
        'Which roles fit the skills someone holds, what each still needs, and where the best fit leads within some years.',
      argsSchema: {
        skills: z
          .string()
          .trim()
          .min(1)
          .max(2000)
          .describe('Skills held, comma-separated, such as "Java, SQL, Docker".'),
        years: z
          .string()
          .regex(/^\d{1,2}(\.\d+)?$/, { error: '"years" must be a number of years, such as 5' })
          .optional()
          .describe('How far ahead to look, in years (default 5).'),
      },
    },
    ({ skills, years }) => {
      const have = skillList(skills);
      return ask(
        `I hold these skills: ${have.join(', ')}. Which roles fit me?\n` +
          `1. Call role_matches with have: ${JSON.stringify(have)} and give the best few levels with their fit and what each still lacks.\n` +
          `2. For the best fit, call reachable_roles with its level slug as from and withinYears: ${years ?? 5}, and say what I could reach and what it pays.\n` +
          `If role_matches does not recognize a skill, say so and suggest the nearest one from search. ${CITE}`,
      );
    },
  );
}
