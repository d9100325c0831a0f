import { KINDS } from '../../src/modules/curation/kinds';
import { NODE_ENTITIES } from '../../src/modules/nodes/node-entities';
import { CITED_TYPES } from '../../src/modules/sources/citation.entity';

/**
 * The lists the read side still keeps apart from the registry (the Relay node map and the cited
 * types the citation loader splits by) must agree with it, so a kind cannot be half added.
 */
describe('The kinds registry and the lists kept beside it', () => {
  it('should map every registered kind as a Relay node under its name', () => {
    const nodes = NODE_ENTITIES as Record<string, unknown>;
    expect(KINDS.filter((k) => nodes[k.name] !== k.entity).map((k) => k.name)).toEqual([]);
  });

  it('should list every cited kind among the cited types', () => {
    const cited = KINDS.filter((k) => k.cited).map((k) => k.cited as string);
    expect(cited.filter((c) => !(CITED_TYPES as readonly string[]).includes(c))).toEqual([]);
    expect(KINDS.filter((k) => k.cited && k.cited !== k.name).map((k) => k.name)).toEqual([]);
  });

  it('should give every seed section, and every exported file, to one kind only', () => {
    const sections = KINDS.flatMap((k) => (k.seed ? [k.seed.section] : []));
    const files = KINDS.flatMap((k) => (k.seed?.file ? [k.seed.file] : []));
    expect(new Set(sections).size).toBe(sections.length);
    expect(new Set(files).size).toBe(files.length);
  });
});
