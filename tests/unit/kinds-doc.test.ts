import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../../src/modules/curation/fields';
import { KINDS, KindSpec } from '../../src/modules/curation/kinds';
import {
  KINDS_DOC_BEGIN,
  KINDS_DOC_END,
  kindsReference,
} from '../../src/modules/curation/kinds-doc';

const DOC = join(__dirname, '..', '..', 'docs', 'data-format.md');

/** The generated part of docs/data-format.md, or null when its markers are missing. */
function generatedPart(doc: string): string | null {
  const begin = doc.indexOf(KINDS_DOC_BEGIN);
  const end = doc.indexOf(KINDS_DOC_END);
  if (begin < 0 || end < begin) return null;
  return doc.slice(begin + KINDS_DOC_BEGIN.length, end).trim();
}

describe('The data-format reference of every kind (docs/data-format.md)', () => {
  it('should match the registry (UPDATE_KINDS_DOC=1 rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const expected = kindsReference();
    if (process.env.UPDATE_KINDS_DOC && generatedPart(doc) !== null) {
      const begin = doc.indexOf(KINDS_DOC_BEGIN) + KINDS_DOC_BEGIN.length;
      writeFileSync(
        DOC,
        `${doc.slice(0, begin)}\n\n${expected}\n${doc.slice(doc.indexOf(KINDS_DOC_END))}`,
      );
    }
    expect(generatedPart(readFileSync(DOC, 'utf8'))).toBe(expected.trim());
  });

  it('should state each limit the validators apply, so a changed limit changes the doc', () => {
    const sector = KINDS.find((k) => k.name === 'Sector') as KindSpec;
    const narrower = { ...sector, fields: { ...sector.fields, name: text('name', 80) } };
    expect(kindsReference([sector])).toContain('- `name`: required; text, 1 to 200 characters');
    expect(kindsReference([narrower])).toContain('- `name`: required; text, 1 to 80 characters');
    expect(kindsReference()).toContain('#### CareerDirection');
  });
});
