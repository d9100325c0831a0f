import {
  matchSkills,
  normalizeSkillName,
  satisfies,
  broaderChains,
  skillsCovered,
  MatchableSkill,
} from '../../src/modules/skills/skill-matching';

const skills: MatchableSkill[] = [
  { id: 1, slug: 'database-management', name: 'Database management', aliases: [], broaderId: null },
  { id: 2, slug: 'sql-databases', name: 'SQL databases', aliases: ['SQL'], broaderId: 1 },
  { id: 3, slug: 'postgresql', name: 'PostgreSQL', aliases: ['Postgres'], broaderId: 2 },
  {
    id: 4,
    slug: 'javascript-nodejs',
    name: 'JavaScript / Node.js',
    aliases: ['Node.js', 'Node'],
    broaderId: null,
  },
  { id: 5, slug: 'dotnet', name: '.NET', aliases: ['C#'], broaderId: null },
];
const byId = new Map(skills.map((s) => [s.id, s]));

describe('Skill matching', () => {
  it('should match slugs, names and aliases in any case and spacing', () => {
    const { held, unrecognized } = matchSkills(
      ['POSTGRES', 'node.js', 'Sql Databases', '.net', 'c#'],
      skills,
    );
    expect([...held].sort()).toEqual([2, 3, 4, 5]);
    expect(unrecognized).toEqual([]);
  });

  it('should report each unmatched input once, trimmed', () => {
    expect(matchSkills([' Cobol ', 'cobol ', 'knitting'], skills).unrecognized).toEqual([
      'Cobol',
      'knitting',
    ]);
  });

  it('should let a narrower skill satisfy a broader requirement but not the reverse', () => {
    expect(satisfies(1, new Set([3]), byId)).toBe(true);
    expect(satisfies(3, new Set([1]), byId)).toBe(false);
  });

  it('should keep symbols that tell languages apart', () => {
    expect(normalizeSkillName('C++')).not.toBe(normalizeSkillName('C#'));
  });

  it('should cover, from the held skills at once, exactly what satisfies grants one by one', () => {
    // a chain 13 -> 12 -> 11 -> 10 and a loop 21 -> 22 -> 21, beside the skills above
    const more: MatchableSkill[] = [
      ...skills,
      ...[10, 11, 12, 13, 21, 22].map((id) => ({
        id,
        slug: `s${id}`,
        name: `S${id}`,
        aliases: [],
        broaderId:
          ({ 11: 10, 12: 11, 13: 12, 21: 22, 22: 21 } as Record<number, number>)[id] ?? null,
      })),
    ];
    const all = new Map(more.map((s) => [s.id, s]));
    const chains = broaderChains(all);
    for (const held of [[], [3], [13], [12, 2], [21], [22, 13, 1]].map((h) => new Set(h))) {
      const covered = skillsCovered(held, chains);
      for (const id of [...all.keys(), 99])
        expect([held, id, covered.has(id)]).toEqual([held, id, satisfies(id, held, all)]);
    }
    expect([...skillsCovered(new Set([13]), chains)].sort()).toEqual([10, 11, 12, 13]);
  });

  it('should reduce any text as the Unicode expression does, ASCII or not', () => {
    const reference = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}+#]/gu, '');
    const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
    const texts = [
      ...ascii,
      ascii.join(''),
      'docker',
      'Node.js',
      'C++ / C#',
      '  Sql Databases ',
      'Ünïcode Straße',
      'ΣΊΣΥΦΟΣ',
      'İstanbul',
      'Go²',
      'K8s\u212A',
      'résumé writing',
      '',
    ];
    for (const text of texts)
      expect([text, normalizeSkillName(text)]).toEqual([text, reference(text)]);
  });
});
