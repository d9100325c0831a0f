import { writeFileSync } from 'node:fs';
import { TestServer } from '../support/server';
const Q: Record<string, string> = {
  figures: `{
  role(slug: "backend-developer") {
    salaryFigures {
      topic
      agree
      figures { appliesTo amount { text region year } citations { span { start end } } }
    }
  }
}`,
  qualifiers: `{
  role(slug: "backend-developer") {
    salaryBands { slug amount { min minQualifier max maxQualifier orMore text } }
  }
  roleLevel(slug: "senior-backend-developer") { yearsOfExperience { min max } yearsOfExperienceQuantity { min minQualifier text } }
}`,
  band: `{
  salaryBands(filter: { level: "junior-backend-developer" }) {
    level { slug }
    appliesTo
    amountBasis
    provenance { field values basis rationale }
  }
}`,
  note: `{
  role(slug: "backend-developer") { salaryFigures { topic agree note } }
}`,
};
it('prints', async () => {
  const server = await TestServer.start();
  const out: Record<string, unknown> = {};
  for (const [k, q] of Object.entries(Q)) out[k] = await server.run(q);
  writeFileSync('/tmp/hb/docs-out.json', JSON.stringify(out, null, 2));
  await server.stop();
});
