import { hashOf, setOf, unitsOf } from '../../src/seeding/units';

const cite = [
  { source: 's', section: 'A' },
  { source: 's', section: 'B' },
];
const set = (insight: Record<string, unknown>, role: Record<string, unknown> = {}) =>
  ({
    insights: [
      {
        slug: 'i',
        kind: 'TIP',
        title: 'T',
        text: 'x',
        points: ['one', 'two'],
        roles: ['b', 'a'],
        levels: [],
        skills: [],
        cite,
        ...insight,
      },
    ],
    roles: [
      {
        slug: 'r',
        name: 'R',
        summary: 's',
        aliases: [],
        related: [],
        skills: [],
        levels: [{ slug: 'r-1', name: 'L', rank: 1, summary: 's', cite }],
        salaryBands: [],
        transitions: [],
        outlooks: [],
        cite,
        ...role,
      },
    ],
  }) as never;

const hash = (s: never, id: string) => hashOf(unitsOf(s).get(id)!);

describe('Seed units', () => {
  it('should see a reordered link list or an empty list left out as no change, and a reordered citation list or text as one', () => {
    const base = hash(set({}), 'Insight:i');
    expect(hash(set({ roles: ['a', 'b'] }), 'Insight:i')).toBe(base);
    expect(hash(set({ levels: undefined }), 'Insight:i')).toBe(base);
    expect(hash(set({ cite: [...cite].reverse() }), 'Insight:i')).not.toBe(base);
    expect(hash(set({ points: ['two', 'one'] }), 'Insight:i')).not.toBe(base);
    expect(hash(set({ text: 'y' }), 'Insight:i')).not.toBe(base);
  });

  it('should keep a role and each of its levels apart, so a change to one is not a change to the other', () => {
    const units = unitsOf(set({}));
    expect([...units.keys()].sort()).toEqual(['Insight:i', 'Role:r', 'RoleLevel:r-1']);
    expect(units.get('Role:r')!.content).not.toHaveProperty('levels');
    expect(hash(set({}, { summary: 'changed' }), 'RoleLevel:r-1')).toBe(
      hash(set({}), 'RoleLevel:r-1'),
    );
    expect(hash(set({}, { summary: 'changed' }), 'Role:r')).not.toBe(hash(set({}), 'Role:r'));
    // and they go back together as the file had them
    expect(setOf(units.values()).roles[0]).toMatchObject({
      slug: 'r',
      levels: [{ slug: 'r-1', rank: 1 }],
    });
  });
});
