import { json, startHttp, TestServer } from '../support/server';

/*
 * The schema.org terms the role JSON-LD may use, as schema.org documents them: each type, and
 * each property with the types it may be used on (its domain, inherited properties included).
 * Read from (search corpus "docs"/"pages", 2026-12-01):
 *   https://www.schema.org/Occupation                  (estimatedSalary, occupationalCategory, experienceRequirements, qualifications, skills)
 *   https://schema.org/MonetaryAmountDistribution      (currency; duration, median, percentile10/25/75/90 from QuantitativeValueDistribution)
 *   https://staging-github.schema.org/MonetaryAmount   (currency, minValue, maxValue, value)
 *   https://bib.schema.org/CategoryCode                (codeValue, inCodeSet; canonical https://schema.org/CategoryCode)
 *   https://test1.schema.org/inCodeSet                 (CategoryCodeSet or URL)
 *   https://schemantra.com/schema_list/OccupationalExperienceRequirements and http://www.schema.su/OccupationalExperienceRequirements (monthsOfExperience)
 *   https://www.w3.org/community/talent-signal/wiki/Example_of_JobPosting_qualifications_as_EducationalOccupationalCredential (qualifications, credentialCategory)
 * name, description, alternateName and url are Thing's, so every type has them.
 */
const TYPES = [
  'Occupation',
  'CategoryCode',
  'CategoryCodeSet',
  'MonetaryAmountDistribution',
  'MonetaryAmount',
  'OccupationalExperienceRequirements',
  'EducationalOccupationalCredential',
];
const THING = TYPES; // every type here is a Thing
const PROPERTIES: Record<string, string[]> = {
  name: THING,
  description: THING,
  alternateName: THING,
  url: THING,
  occupationalCategory: ['Occupation'],
  estimatedSalary: ['Occupation'],
  skills: ['Occupation'],
  qualifications: ['Occupation'],
  experienceRequirements: ['Occupation'],
  codeValue: ['CategoryCode'],
  inCodeSet: ['CategoryCode'],
  currency: ['MonetaryAmountDistribution', 'MonetaryAmount'],
  duration: ['MonetaryAmountDistribution'],
  median: ['MonetaryAmountDistribution'],
  percentile10: ['MonetaryAmountDistribution'],
  percentile25: ['MonetaryAmountDistribution'],
  percentile75: ['MonetaryAmountDistribution'],
  percentile90: ['MonetaryAmountDistribution'],
  minValue: ['MonetaryAmount'],
  maxValue: ['MonetaryAmount'],
  value: ['MonetaryAmount'],
  monthsOfExperience: ['OccupationalExperienceRequirements'],
  credentialCategory: ['EducationalOccupationalCredential'],
};
/** What each property's value must be, as schema.org's expected types allow (Text, Number, URL or one of the types). */
const RANGES: Record<string, string[]> = {
  occupationalCategory: ['CategoryCode', 'Text'],
  estimatedSalary: ['MonetaryAmount', 'MonetaryAmountDistribution', 'Number'],
  skills: ['Text', 'DefinedTerm'],
  qualifications: ['EducationalOccupationalCredential', 'Text'],
  experienceRequirements: ['OccupationalExperienceRequirements', 'Text'],
  inCodeSet: ['CategoryCodeSet', 'URL'],
};

/** Every problem with `node` (a typed JSON-LD object) against the list above. */
function problems(node: Record<string, unknown>, path: string): string[] {
  const type = node['@type'] as string;
  const out: string[] = [];
  if (!TYPES.includes(type)) out.push(`${path}: @type ${type} is not in the list`);
  for (const [property, value] of Object.entries(node)) {
    if (property === '@type' || (property === '@context' && path === '$')) continue;
    const domain = PROPERTIES[property];
    if (!domain) {
      out.push(`${path}.${property}: not a listed schema.org property`);
      continue;
    }
    if (!domain.includes(type)) out.push(`${path}.${property}: not a property of ${type}`);
    for (const [i, item] of (Array.isArray(value) ? value : [value]).entries()) {
      const at = `${path}.${property}[${i}]`;
      if (item && typeof item === 'object') {
        const itemType = (item as Record<string, unknown>)['@type'] as string;
        if (RANGES[property] && !RANGES[property].includes(itemType))
          out.push(`${at}: ${itemType} is not an expected type of ${property}`);
        out.push(...problems(item as Record<string, unknown>, at));
      } else if (
        RANGES[property] &&
        !RANGES[property].some((r) =>
          r === 'Number' ? typeof item === 'number' : r === 'Text' || r === 'URL',
        )
      ) {
        out.push(`${at}: a literal where ${property} expects ${RANGES[property].join(' or ')}`);
      }
    }
  }
  return out;
}

describe('Roles as schema.org Occupation JSON-LD', () => {
  let server: TestServer;
  let http: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    server = await TestServer.start();
    http = await startHttp();
  });
  afterAll(async () => {
    await server.stop();
    await http.stop();
  });

  it('should serve GET /roles/backend-developer.jsonld as application/ld+json using only schema.org terms', async () => {
    const res = await fetch(`${http.url}/roles/backend-developer.jsonld`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(res.headers.get('cache-control')).toBe('max-age=60, public');
    const doc = await json(res);
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc['@type']).toBe('Occupation');
    expect(problems(doc, '$')).toEqual([]);

    // the codes, the published distribution and the guides' bands, skills and experience are there
    expect(doc.occupationalCategory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@type': 'CategoryCode', codeValue: '15-1252' }),
      ]),
    );
    const distribution = doc.estimatedSalary.find(
      (s: any) => s['@type'] === 'MonetaryAmountDistribution',
    );
    expect(distribution).toMatchObject({
      currency: 'USD',
      duration: 'P1Y',
      median: expect.any(Number),
      percentile10: expect.any(Number),
      percentile90: expect.any(Number),
    });
    expect(distribution.percentile10).toBeLessThan(distribution.median);
    expect(distribution.median).toBeLessThan(distribution.percentile90);
    expect(
      doc.estimatedSalary.filter((s: any) => s['@type'] === 'MonetaryAmount' && s.minValue != null)
        .length,
    ).toBeGreaterThan(0);
    expect(doc.skills.length).toBeGreaterThan(0);
    expect(doc.experienceRequirements[0]).toMatchObject({
      '@type': 'OccupationalExperienceRequirements',
      monthsOfExperience: expect.any(Number),
    });
  });

  it('should answer 404 for an unknown slug, and 304 to a revalidation that matches', async () => {
    expect((await fetch(`${http.url}/roles/no-such-role.jsonld`)).status).toBe(404);
    const first = await fetch(`${http.url}/roles/solution-architect.jsonld`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    expect(
      (
        await fetch(`${http.url}/roles/solution-architect.jsonld`, {
          headers: { 'if-none-match': etag },
        })
      ).status,
    ).toBe(304);
  });

  it('should answer an unknown slug 404 without caching it, quoting at most 80 characters of it', async () => {
    const slug = 'a'.repeat(5000);
    const res = await fetch(`${http.url}/roles/${slug}.jsonld`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      error: `No role has slug "${'a'.repeat(80)}… (5000 characters)"`,
    });
  });

  it('should give the same document as Role.jsonLd, for every role', async () => {
    const { roles } = await server.data(`{ roles(first: 100) { nodes { slug jsonLd } } }`);
    expect(roles.nodes).toHaveLength(16);
    for (const role of roles.nodes) {
      expect({ role: role.slug, problems: problems(role.jsonLd, '$') }).toEqual({
        role: role.slug,
        problems: [],
      });
      expect(role.jsonLd.occupationalCategory.length).toBeGreaterThan(0);
    }
    const res = await fetch(`${http.url}/roles/backend-developer.jsonld`);
    expect(roles.nodes.find((r: any) => r.slug === 'backend-developer').jsonLd).toEqual(
      await json(res),
    );
  });
});
