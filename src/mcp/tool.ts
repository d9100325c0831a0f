import { z } from 'zod';
import { Context } from '../core/context';

/** What a tool answers: structured content for programs and a concise text for the model. */
export interface ToolAnswer {
  structured: Record<string, unknown>;
  text: string;
}

/**
 * One MCP tool over the service layer: its name, its input and its answer's structured content
 * as zod shapes (advertised as inputSchema and outputSchema), and what it does.
 */
export interface CareerTool<S extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: S;
  output: z.ZodRawShape;
  run(ctx: Context, args: z.infer<z.ZodObject<S>>): Promise<ToolAnswer>;
}

/** Declares a tool, typing `run`'s arguments from its input shape. */
export function defineTool<S extends z.ZodRawShape>(tool: CareerTool<S>): CareerTool<S> {
  return tool;
}

/** A slug argument: a non-empty string of at most 200 characters, with a message saying so. */
export function slugArg(name: string, example: string) {
  return z
    .string({ error: `"${name}" is required: a slug such as "${example}"` })
    .trim()
    .min(1, { error: `"${name}" must not be empty: give a slug such as "${example}"` })
    .max(200, { error: `"${name}" must be at most 200 characters` });
}

/** The `limit` argument of the listing tools: a whole number from 1 to 50. */
export const limitArg = (what: string, fallback: number) =>
  z
    .number()
    .int({ error: '"limit" must be a whole number from 1 to 50' })
    .min(1, { error: '"limit" must be from 1 to 50' })
    .max(50, { error: '"limit" must be from 1 to 50' })
    .optional()
    .describe(`How many ${what}, 1 to 50 (default ${fallback}).`);
