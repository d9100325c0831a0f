/**
 * zod shapes of what the tools answer, the parts several tools share. Each tool declares its
 * whole answer as `output`; the server advertises it as the tool's outputSchema and the SDK
 * checks every structuredContent against it before it leaves.
 */
import { z } from 'zod';
import { BoundQualifier } from '../core/quantity';

const qualifier = z.enum(BoundQualifier).nullable();

/** Where a fact comes from (see cite.ts). */
export const citation = z.object({
  source: z.string().describe('The source document.'),
  section: z.string().nullable().describe('Its section, where the citation names one.'),
  url: z.string().nullable().describe("The source's address, where the source record has one."),
});
export const citations = z.array(citation);

/** A thing named by slug. */
export const named = z.object({ slug: z.string(), name: z.string() });

/** A range of years (format.range): qualifiers when the source qualified a bound. */
export const yearRange = z
  .object({
    min: z.number().nullable(),
    max: z.number().nullable(),
    minQualifier: qualifier.optional(),
    maxQualifier: qualifier.optional(),
  })
  .nullable();

/** A salary band's figures (format.bandFigures). */
export const bandShape = {
  label: z.string(),
  currency: z.string(),
  period: z.string(),
  region: z
    .string()
    .nullable()
    .describe('null when the source does not say where the figure holds'),
  year: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  minQualifier: qualifier,
  maxQualifier: qualifier,
  orMore: z.boolean(),
  text: z.string().describe('The figure in words, qualifiers kept: "about $81,000 a year"'),
  appliesTo: z
    .string()
    .nullable()
    .describe(
      'Whom the figure is about when the source names a group rather than a level; null for the role as a whole',
    ),
  topic: z
    .string()
    .nullable()
    .describe(
      'What the figure measures; figures with one topic are for the same thing and are listed side by side',
    ),
};

/** Figures for one thing, side by side (salary-figures.figureSets): none merged, none preferred. */
export const figureSet = z.object({
  topic: z.string(),
  agree: z.boolean().describe('false when the figures differ: each is served, none wins'),
  figures: z.array(z.string()),
});

/** "level" when a figure is for that level, "role" when it covers the whole role. */
export const payScope = z.enum(['level', 'role']);

/** A published statistic (pay-statistics.statisticOut). */
export const statistic = z.object({
  statistic: z.string(),
  amount: z.number(),
  currency: z.string(),
  period: z.string(),
  region: z.string(),
  year: z.number().nullable(),
  referencePeriod: z.string(),
  occupation: z.object({ system: z.string(), code: z.string(), title: z.string() }),
  match: z.string(),
  measures: z.string(),
  publisher: z.string(),
  url: z.string(),
  readOn: z.string(),
});

/** A change in pay between two sets of bands (PayChange): the range of possible differences. */
export const payChange = z
  .object({
    currency: z.string(),
    period: z.string(),
    region: z.string().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
  })
  .nullable();
