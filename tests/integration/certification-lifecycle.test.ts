import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { effectiveStatus } from '../../src/modules/certification-lifecycle/lifecycle.service';
import {
  CertificationLifecycle,
  CertificationStatus,
} from '../../src/modules/certification-lifecycle/lifecycle.entity';
import { TestServer } from '../support/server';
import { mcpClient } from '../support/mcp-client';

const CERTS = /* GraphQL */ `
  {
    certifications(first: 50) {
      nodes {
        slug
        name
        status
        examCodes
        recommendation
        successor {
          slug
          name
          examCodes
        }
        lifecycle {
          statusDate
          validityMonths
          renewal
          note
          citations {
            url
            readOn
            supports
            issuerPage
          }
        }
      }
    }
  }
`;

describe('Certification lifecycles', () => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-lifecycle-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('should show each certification its exam code, validity and status, every fact cited with the page and date read', async () => {
    const { certifications } = await server.data(CERTS);
    const bySlug = Object.fromEntries(certifications.nodes.map((c: any) => [c.slug, c]));
    expect(bySlug['aws-certified-developer-associate']).toMatchObject({
      status: 'ACTIVE',
      examCodes: ['DVA-C02'],
      lifecycle: { validityMonths: 36 },
    });
    expect(bySlug['azure-developer-associate']).toMatchObject({
      status: 'RETIRED',
      examCodes: ['AZ-204'],
      successor: { slug: 'azure-ai-cloud-developer-associate', examCodes: ['AI-200'] },
      lifecycle: { statusDate: '2026-07-31', validityMonths: 12 },
    });
    for (const c of certifications.nodes) {
      expect(c.lifecycle).not.toBeNull();
      for (const cite of c.lifecycle.citations) {
        expect(cite.url).toMatch(/^https?:\/\//);
        expect(cite.readOn).toBe('2026-11-30');
        expect(cite.issuerPage).toBe(false);
      }
    }
  });

  it("should name what replaced the guide's OCPJP", async () => {
    const { certifications } = await server.data(CERTS);
    const ocpjp = certifications.nodes.find((c: any) => c.slug === 'ocpjp');
    expect(ocpjp).toMatchObject({
      status: 'RETIRED',
      successor: {
        slug: 'ocp-java-se-21-developer',
        name: 'Oracle Certified Professional: Java SE 21 Developer',
        examCodes: ['1Z0-830'],
      },
    });
    expect(ocpjp.recommendation).toBe(
      'Retired. Take Oracle Certified Professional: Java SE 21 Developer (exam 1Z0-830) instead.',
    );
  });

  it('should never recommend a retired exam on a path without naming its successor', async () => {
    const { careerPath } = await server.data(
      `{ careerPath(from: "junior-backend-developer", to: "senior-backend-developer") { certifications { slug status recommendation } } }`,
    );
    const retired = careerPath.certifications.filter((c: any) => c.status === 'RETIRED');
    expect(retired.map((c: any) => c.slug).sort()).toEqual(['azure-developer-associate', 'ocpjp']);
    for (const c of retired)
      expect(c.recommendation).toMatch(/^Retired.*Take .+ \(exam [A-Z0-9-]+\) instead\.$/);

    const result = (await client.callTool({
      name: 'career_path',
      arguments: { from: 'junior-backend-developer', to: 'senior-backend-developer' },
    })) as any;
    const text = result.content.map((c: any) => c.text).join('\n');
    expect(text).toContain(
      'Oracle Certified Java Programmer (OCPJP) (retired; take Oracle Certified Professional: Java SE 21 Developer, exam 1Z0-830)',
    );
    expect(text).toContain(
      'Microsoft Certified: Azure Developer Associate (retired on 2026-07-31; take Microsoft Certified: Azure AI Cloud Developer Associate, exam AI-200)',
    );
  });

  it('should turn RETIRING into RETIRED once the date has passed', () => {
    const lifecycle = Object.assign(new CertificationLifecycle(), {
      status: CertificationStatus.RETIRING,
      statusDate: '2026-07-31',
    });
    expect(effectiveStatus(lifecycle, '2026-07-30')).toBe('RETIRING');
    expect(effectiveStatus(lifecycle, '2026-07-31')).toBe('RETIRED');
  });
});
