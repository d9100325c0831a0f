import { z } from 'zod';
import { findEmployers } from '../../modules/employers/employer.service';
import { sectorsOfEmployer } from '../../modules/employers/employer.loader';
import { citationsFor, citeText, distinctCitations } from '../cite';
import { citations } from '../schemas';
import { defineTool, limitArg } from '../tool';

/** list_employers: employers cited as hiring, by sector, role or internships. */
export const listEmployersTool = defineTool({
  name: 'list_employers',
  title: 'List employers',
  description:
    'Employers the sources cite as hiring, by name: the kinds of work each is cited for, its sectors and whether it ' +
    'offers internships, each cited. Narrow by sector slug (such as "healthcare-technology"), role slug or internships.',
  input: {
    sector: z
      .string()
      .trim()
      .min(1, { error: '"sector" must not be empty; leave it out for every sector' })
      .max(200)
      .optional()
      .describe('A sector slug, such as "fintech".'),
    role: z
      .string()
      .trim()
      .min(1, { error: '"role" must not be empty; leave it out for every role' })
      .max(200)
      .optional()
      .describe('A role slug: employers cited as hiring for it.'),
    offersInternships: z
      .boolean({ error: '"offersInternships" must be true or false' })
      .optional()
      .describe('Only employers that do (true) or do not (false) offer internships.'),
    limit: limitArg('employers', 20),
  },
  output: {
    total: z.number(),
    employers: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        workAreas: z.array(z.string()),
        sectors: z.array(z.string()),
        offersInternships: z.boolean().describe('true only when the sources say so'),
        internshipsOffered: z.boolean().nullable().describe('null: the sources do not say'),
        internshipFocus: z.array(z.string()),
        citations,
      }),
    ),
    sources: citations,
  },
  async run(ctx, { sector, role, offersInternships, limit }) {
    const { rows, total } = await findEmployers(
      ctx,
      { sector, role, offersInternships },
      { offset: 0, limit: limit ?? 20 },
      '',
    );
    const [sectors, citations] = await Promise.all([
      ctx.loaders.use(sectorsOfEmployer).loadMany(rows.map((e) => e.id)),
      citationsFor(
        ctx,
        'Employer',
        rows.map((e) => e.id),
      ),
    ]);
    const employers = rows.map((e, i) => ({
      slug: e.slug,
      name: e.name,
      workAreas: e.workAreas,
      sectors: (Array.isArray(sectors[i]) ? sectors[i] : []).map((s) => s.name),
      offersInternships: e.offersInternships,
      /** null: the sources do not say */
      internshipsOffered: e.internshipsOffered,
      internshipFocus: e.internshipFocus,
      citations: citations[i],
    }));
    const scope = [
      sector && `in sector ${sector}`,
      role && `hiring for ${role}`,
      offersInternships != null &&
        (offersInternships ? 'offering internships' : 'not known to offer internships'),
    ]
      .filter(Boolean)
      .join(', ');
    const lines = employers.length
      ? [
          `${total} employer${total === 1 ? '' : 's'}${scope ? ` ${scope}` : ''}${total > employers.length ? ` (the first ${employers.length} shown, and ${total - employers.length} more)` : ''}:`,
          ...employers.map(
            (e) =>
              `- ${e.name}` +
              (e.workAreas.length ? `: ${e.workAreas.join(', ')}` : '') +
              (e.internshipsOffered === true
                ? '; offers internships'
                : e.internshipsOffered === false
                  ? '; does not offer internships'
                  : '; internships: the sources do not say') +
              `.${citeText(e.citations)}`,
          ),
        ]
      : [`No employer is cited${scope ? ` ${scope}` : ''}.`];
    return {
      structured: { total, employers, sources: distinctCitations(citations) },
      text: lines.join('\n'),
    };
  },
});
