import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { AuthInfo } from '../../src/core/auth/keys';
import { keyFor, runAs } from '../support/auth';
import { mcpClient, textOf, ToolResult } from '../support/mcp-client';
import { TestServer } from '../support/server';

/**
 * Issue 14, asked as a user would, over the committed seeds: figures read as the sources state
 * them, unknowns stay unknown, figures that disagree are both served, and links the sources do
 * not state say they are editorial (docs/statement-audit.md, docs/reading-answers.md).
 */
const BANDS = /* GraphQL */ `
  {
    role(slug: "backend-developer") {
      salaryBands {
        slug
        level {
          slug
        }
        appliesTo
        topic
        amountBasis
        amount {
          min
          minQualifier
          max
          maxQualifier
          orMore
          region
          year
          text
        }
        provenance {
          field
          values
          basis
          rationale
          citations {
            span {
              start
            }
          }
        }
        citations {
          span {
            start
            end
            sha256
          }
        }
      }
      salaryFigures {
        topic
        agree
        note
        figures {
          slug
          amount {
            text
          }
          citations {
            source {
              slug
            }
            span {
              start
            }
          }
        }
      }
    }
  }
`;

const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  r.errors?.[0]?.extensions?.code;

describe('What the sources say, as a user reads it', () => {
  let server: TestServer;
  let editor: AuthInfo;
  let mcp: Client;
  const call = async (name: string, args: Record<string, unknown>) =>
    (await mcp.callTool({ name, arguments: args })) as ToolResult;

  beforeAll(async () => {
    server = await TestServer.start();
    editor = (await keyFor(server, ApiRole.EDITOR)).auth;
    mcp = await mcpClient(server, 'statements-test');
  });
  afterAll(async () => {
    await mcp.close();
    await server.stop();
  });

  describe('pay', () => {
    let bands: any[];
    let sets: any[];
    beforeAll(async () => {
      const { role } = await server.data(BANDS);
      bands = role.salaryBands;
      sets = role.salaryFigures;
    });
    const band = (slug: string) => bands.find((b) => b.slug === slug);

    it('should read the top-performer pay as "about $200,000 or more"', async () => {
      const top = band('backend-developer-us-top-performers');
      expect(top.amount).toEqual(
        expect.objectContaining({
          min: 200000,
          minQualifier: 'ABOUT',
          max: null,
          orMore: true,
          text: 'about $200,000 or more a year',
        }),
      );
      expect(top.level).toBeNull();
      expect(top.appliesTo).toBe('top performers and developers at leading tech companies');
      expect(textOf(await call('salary_bands', { role: 'backend-developer' }))).toContain(
        'about $200,000 or more a year, US.',
      );
    });

    it('should read the entry pay as "about $81,000" with no ceiling, its level link marked as our reading', async () => {
      const entry = band('backend-developer-us-entry-level');
      expect(entry.amount).toEqual(
        expect.objectContaining({
          min: 81000,
          minQualifier: 'ABOUT',
          max: null,
          maxQualifier: null,
          orMore: false,
          text: 'about $81,000 a year',
        }),
      );
      expect(entry.amountBasis).toBe('STATED');
      expect(entry.provenance).toEqual([
        expect.objectContaining({
          field: 'level',
          values: ['junior-backend-developer'],
          basis: 'EDITORIAL',
          rationale: expect.stringMatching(/entry-level roles/),
          citations: [],
        }),
        // the sentence names no place: "US" is carried over from the paragraph's first figure, and says so
        expect.objectContaining({
          field: 'region',
          values: null,
          basis: 'EDITORIAL',
          rationale: expect.stringMatching(/names no place/),
        }),
      ]);
      const text = textOf(await call('salary_bands', { level: 'junior-backend-developer' }));
      expect(text).toContain(
        'about $81,000 a year, US (the source says entry-level roles; tying it to Junior back-end developer is our reading).',
      );
      expect(text).not.toMatch(/81,000 to|81,000–/);
    });

    it('should pin no band to a level unless its provenance says how the link is known', () => {
      for (const b of bands.filter((x) => x.level)) {
        expect(
          b.provenance.some(
            (p: any) =>
              p.field === 'level' &&
              (p.basis === 'STATED' ? p.citations.length > 0 : !!p.rationale),
          ),
        ).toBe(true);
      }
      // the experienced developers' figure is tied to the group the guide names, not to the senior level
      expect(band('backend-developer-us-experienced')).toEqual(
        expect.objectContaining({ level: null, appliesTo: 'experienced developers' }),
      );
      expect(band('backend-developer-us-experienced').amount.text).toBe(
        'more than $120,000 a year',
      );
    });

    it('should serve figures that disagree side by side, each with its own qualifiers, region, year and span', async () => {
      const average = sets.find((s) => s.topic === 'average pay');
      expect(average.agree).toBe(false);
      expect(average.figures.map((f: any) => f.amount.text)).toEqual([
        '$75,000 to $120,000 a year',
        '$115,000 to $154,000 a year',
      ]);
      expect(
        average.figures.every(
          (f: any) => f.citations.length > 0 && f.citations.every((c: any) => c.span),
        ),
      ).toBe(true);
      expect(average.note).toBe(
        '2 figures for average pay disagree: $75,000 to $120,000 a year (back-end developers, across experience and industry; region and year not stated); ' +
          '$115,000 to $154,000 a year (US back-end developers; US, 2025). All are served; none is merged or preferred.',
      );
      // the undated figure keeps its unknowns: no region, no year
      expect(band('backend-developer-us-average-range').amount).toEqual(
        expect.objectContaining({ region: null, year: null }),
      );
      // every other topic has one figure, which agrees with itself
      expect(
        sets
          .filter((s) => s.topic !== 'average pay')
          .every((s) => s.agree && s.figures.length === 1),
      ).toBe(true);

      const tool = await call('salary_bands', { role: 'backend-developer' });
      expect(textOf(tool)).toContain(average.note);
      expect(tool.structuredContent.figureSets).toContainEqual({
        topic: 'average pay',
        agree: false,
        figures: ['$75,000 to $120,000 a year', '$115,000 to $154,000 a year'],
      });
      expect(textOf(await call('describe_role', { role: 'backend-developer' }))).toContain(
        average.note,
      );
    });
  });

  it('should answer null for the employers the documents are silent about, and say so over MCP', async () => {
    const { employers } = await server.data(
      `{ employers(first: 100) { nodes { slug internshipsOffered } } }`,
    );
    const silent = employers.nodes.filter((e: any) => e.internshipsOffered === null);
    expect(silent).toHaveLength(18);
    expect(employers.nodes.filter((e: any) => e.internshipsOffered === false)).toEqual([]);
    const text = textOf(await call('list_employers', { sector: 'healthcare-technology' }));
    expect(text).toContain('internships: the sources do not say');
  });

  describe('links the sources do not state', () => {
    const LINKS = /* GraphQL */ `
      {
        certifications(first: 50) {
          nodes {
            slug
            roles {
              slug
            }
            levels {
              slug
            }
            provenance {
              field
              values
              basis
              rationale
              citations {
                span {
                  sha256
                }
              }
            }
          }
        }
        credentials(first: 50) {
          nodes {
            slug
            roles {
              slug
            }
            provenance {
              field
              values
              basis
              rationale
              citations {
                span {
                  sha256
                }
              }
            }
          }
        }
      }
    `;

    it('should give every certification → level and credential → role link a basis', async () => {
      const data = await server.data(LINKS);
      const [certifications, credentials] = [data.certifications.nodes, data.credentials.nodes];
      const check = (record: any, field: string) => {
        for (const { slug } of record[field]) {
          const entry = record.provenance.find(
            (p: any) => p.field === field && (p.values === null || p.values.includes(slug)),
          );
          expect([record.slug, field, slug, !!entry]).toEqual([record.slug, field, slug, true]);
          if (entry.basis === 'STATED') expect(entry.citations.length).toBeGreaterThan(0);
          else expect(entry.rationale).toMatch(/\w/);
        }
      };
      // the three the guides name carry links; the successors from the lifecycle pages carry none
      expect(
        certifications
          .filter((c: any) => c.levels.length)
          .map((c: any) => c.slug)
          .sort(),
      ).toEqual(['aws-certified-developer-associate', 'azure-developer-associate', 'ocpjp']);
      for (const c of certifications) ['roles', 'levels'].forEach((f) => check(c, f));
      for (const c of credentials) check(c, 'roles');
      // no source ties a certification to a level: every level link is editorial
      const levelEntries = certifications.flatMap((c: any) =>
        c.provenance.filter((p: any) => p.field === 'levels'),
      );
      expect(levelEntries.length).toBeGreaterThan(0);
      expect(
        levelEntries.every((p: any) => p.basis === 'EDITORIAL' && p.citations.length === 0),
      ).toBe(true);
      // the links a span states carry that span
      const ocpjp = certifications.find((c: any) => c.slug === 'ocpjp');
      expect(ocpjp.provenance.find((p: any) => p.field === 'roles')).toEqual(
        expect.objectContaining({
          basis: 'STATED',
          values: ['backend-developer'],
          citations: [{ span: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }],
        }),
      );
    });

    it('should say over MCP that grades and certification suggestions are editorial, and when the sources say nothing', async () => {
      const path = textOf(
        await call('career_path', {
          from: 'junior-backend-developer',
          to: 'mid-level-backend-developer',
        }),
      );
      expect(path).toContain(
        "Certifications that help (our editors' suggestion: the sources name these certifications but tie none to a level):",
      );
      const gap = textOf(
        await call('skill_gap', { target: 'senior-backend-developer', have: ['Java'] }),
      );
      expect(gap).toContain(
        "The grades (required, recommended, optional) are our editors' judgement; the sources grade no skill.",
      );
      const backend = textOf(await call('describe_role', { role: 'backend-developer' }));
      expect(backend).toContain('No licence is needed.');
      expect(backend).toContain(
        'Required skills (graded by our editors; the sources grade no skill):',
      );
      const cloud = textOf(await call('describe_role', { role: 'cloud-engineer' }));
      expect(cloud).toContain('Whether a licence is needed: the sources do not say.');
    });
  });

  describe('written by a curator', () => {
    const UPDATE = /* GraphQL */ `
      mutation ($input: CertificationUpdateInput!) {
        certificationUpdate(input: $input) {
          certification {
            version
            provenance {
              field
              values
              basis
              rationale
              citations {
                section
                span {
                  start
                  end
                }
              }
            }
          }
        }
      }
    `;
    const SPAN = {
      start: 2212,
      end: 2285,
      sha256: '9230ec9c69d4f623548676f62fee7d12a73593265f75a4679b9e0e22d510648d',
    };
    const version = async () =>
      (await server.data(`{ certification(slug: "ocpjp") { version } }`)).certification.version;

    it('should write a STATED link with its span and an EDITORIAL one with its rationale', async () => {
      const provenance = [
        {
          field: 'roles',
          values: ['backend-developer'],
          basis: 'STATED',
          cite: [
            { source: 'endorse-backend-developer-guide', section: 'Key Insights', span: SPAN },
          ],
        },
        { field: 'levels', basis: 'EDITORIAL', rationale: 'Our reading: early in a career.' },
      ];
      const ok = await runAs(server, editor, UPDATE, {
        input: { slug: 'ocpjp', version: await version(), changes: { provenance } },
      });
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.certificationUpdate.certification.provenance).toEqual([
        {
          field: 'roles',
          values: ['backend-developer'],
          basis: 'STATED',
          rationale: null,
          citations: [{ section: 'Key Insights', span: { start: 2212, end: 2285 } }],
        },
        {
          field: 'levels',
          values: null,
          basis: 'EDITORIAL',
          rationale: 'Our reading: early in a career.',
          citations: [],
        },
      ]);
    });

    it('should refuse a STATED field with no span and an EDITORIAL one with no rationale, naming the field', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [
          {
            field: 'levels',
            basis: 'STATED',
            cite: [{ source: 'endorse-backend-developer-guide', section: 'Key Insights' }],
          },
          /provenance.*0.*cite/,
        ],
        [{ field: 'levels', basis: 'STATED' }, /provenance.*0.*cite/],
        [{ field: 'levels', basis: 'EDITORIAL' }, /provenance.*0.*rationale/],
        [{ field: 'levels', basis: 'EDITORIAL', rationale: '' }, /provenance.*0.*rationale/],
      ];
      const before = (
        await server.data(`{ certification(slug: "ocpjp") { provenance { field basis } } }`)
      ).certification.provenance;
      for (const [entry, field] of cases) {
        const refused = await runAs(server, editor, UPDATE, {
          input: { slug: 'ocpjp', version: await version(), changes: { provenance: [entry] } },
        });
        expect(codeOf(refused)).toBe('BAD_USER_INPUT');
        expect(
          `${refused.errors?.[0].extensions?.argument} ${refused.errors?.[0].message}`,
        ).toMatch(field);
      }
      expect(
        (await server.data(`{ certification(slug: "ocpjp") { provenance { field basis } } }`))
          .certification.provenance,
      ).toEqual(before);
    });

    it('should refuse a provenance citing an unknown source, a heading its source lacks or a span outside the section, naming the citation', async () => {
      const stated = (cite: Record<string, unknown>) => ({
        field: 'roles',
        basis: 'STATED',
        cite: [
          {
            source: 'endorse-backend-developer-guide',
            section: 'Key Insights',
            span: SPAN,
            ...cite,
          },
        ],
      });
      const cases: [Record<string, unknown>, string, string][] = [
        [{ source: 'no-such-source' }, 'source', 'No source has slug "no-such-source"'],
        [
          { section: 'No such heading' },
          'section',
          '"No such heading" is not a heading of source "endorse-backend-developer-guide" (its Source.sections)',
        ],
        [
          { span: { ...SPAN, end: 2400 } },
          'span',
          'span 2212-2400 is not in section "Key Insights", whose text runs from 403 to 2388 (its Source.sections)',
        ],
      ];
      const before = (
        await server.data(`{ certification(slug: "ocpjp") { version provenance { field basis } } }`)
      ).certification;
      for (const [cite, field, message] of cases) {
        const refused = await runAs(server, editor, UPDATE, {
          input: {
            slug: 'ocpjp',
            version: before.version,
            changes: {
              provenance: [
                { field: 'levels', basis: 'EDITORIAL', rationale: 'Ours.' },
                stated(cite),
              ],
            },
          },
        });
        expect(refused.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          argument: `input.changes.provenance[1].cite[0].${field}`,
        });
        expect(refused.errors?.[0].message).toBe(message);
      }
      expect(
        (
          await server.data(
            `{ certification(slug: "ocpjp") { version provenance { field basis } } }`,
          )
        ).certification,
      ).toEqual(before);
    });

    it('should write a band tied to a group and a topic, with no level', async () => {
      const CREATE = /* GraphQL */ `
        mutation ($input: SalaryBandCreateInput!) {
          salaryBandCreate(input: $input) {
            salaryBand {
              slug
              level {
                slug
              }
              appliesTo
              topic
              amount {
                text
              }
            }
          }
        }
      `;
      const cite = [
        {
          source: 'backend-career-guide',
          section: 'How much can you earn as a back-end developer?',
          span: {
            start: 10626,
            end: 10735,
            sha256: '1c8d28d0e8e31a475bfe7c9f5f78a7ca506047b1c9ea76e49c3c2c6fa57c69ba',
          },
        },
      ];
      const made = await runAs(server, editor, CREATE, {
        input: {
          slug: 'test-group-band',
          role: 'backend-developer',
          label: 'test',
          currency: 'USD',
          period: 'ANNUAL',
          min: 130000,
          minQualifier: 'MORE_THAN',
          appliesTo: 'developers with ten years',
          topic: 'pay with experience',
          cite,
        },
      });
      expect(made.errors).toBeUndefined();
      expect(made.data?.salaryBandCreate.salaryBand).toEqual({
        slug: 'test-group-band',
        level: null,
        appliesTo: 'developers with ten years',
        topic: 'pay with experience',
        amount: { text: 'more than $130,000 a year' },
      });
      const { role } = await server.data(BANDS);
      const experience = role.salaryFigures.find((s: any) => s.topic === 'pay with experience');
      expect([experience.agree, experience.figures.map((f: any) => f.slug)]).toEqual([
        false,
        ['backend-developer-us-experienced', 'test-group-band'],
      ]);
    });
  });
});
