import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A hand-made graph for exactness tests. Levels a1 -> a2 -> a3 within role `alpha` (1-2 and
 * 2-3 years), a side move a1 -> b1 (no figure) -> a3, a management move a2 -> m1, a cycle
 * a3 -> c1 -> a3, and an island level z1. Pay: a1 USD 50-60k, a3 USD 80k-open, b1 EUR 70-90k,
 * alpha role-wide USD 55-75k (what a2 gets), m1 none.
 */
export function tinyGraphSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-tiny-'));
  writeFileSync(
    join(dir, 'tiny.yaml'),
    `
sources: [{ slug: t, title: Tiny }]
skills:
  - { slug: s1, name: Skill one, category: TOOL, description: d, cite: [{ source: t, section: S }] }
  - { slug: s2, name: Skill two, category: TOOL, description: d, aliases: [Two], cite: [{ source: t, section: S }] }
  - { slug: s3, name: Skill three, category: TOOL, description: d, cite: [{ source: t, section: S }] }
roles:
  - slug: alpha
    name: Alpha
    summary: s
    skills: [{ skill: s1, importance: REQUIRED }, { skill: s2, importance: RECOMMENDED }]
    levels:
      - { slug: a1, name: Alpha one, rank: 1, summary: s, yearsInLevel: { min: 1, max: 2 }, cite: [{ source: t, section: S }] }
      - { slug: a2, name: Alpha two, rank: 2, summary: s, cite: [{ source: t, section: S }] }
      - { slug: a3, name: Alpha three, rank: 3, summary: s, skills: [{ skill: s3, importance: REQUIRED }], cite: [{ source: t, section: S }] }
    salaryBands:
      - { slug: a1-pay, level: a1, label: start, currency: USD, period: ANNUAL, region: US, min: 50000, max: 60000, cite: [{ source: t, section: S }] }
      - { slug: a3-pay, level: a3, label: top, currency: USD, period: ANNUAL, region: US, min: 80000, cite: [{ source: t, section: S }] }
      - { slug: alpha-pay, label: role, currency: USD, period: ANNUAL, region: US, min: 55000, max: 75000, cite: [{ source: t, section: S }] }
    transitions:
      - { from: a1, to: a2, kind: PROMOTION, typicalYears: { min: 1, max: 2 }, skillsToGain: [s2], cite: [{ source: t, section: S }] }
      - { from: a2, to: a3, kind: PROMOTION, typicalYears: { min: 2, max: 3 }, cite: [{ source: t, section: S }] }
      - { from: a1, to: b1, kind: LATERAL, cite: [{ source: t, section: S }] }
      - { from: b1, to: a3, kind: LATERAL, typicalYears: { min: 4 }, cite: [{ source: t, section: S }] }
      - { from: a2, to: m1, kind: MANAGEMENT, typicalYears: { min: 1, max: 1 }, cite: [{ source: t, section: S }] }
      - { from: a3, to: c1, kind: LATERAL, typicalYears: { min: 1, max: 1 }, cite: [{ source: t, section: S }] }
      - { from: c1, to: a3, kind: LATERAL, typicalYears: { min: 1, max: 1 }, cite: [{ source: t, section: S }] }
    cite: [{ source: t, section: S }]
  - slug: beta
    name: Beta
    summary: s
    skills: [{ skill: s2, importance: REQUIRED }]
    levels: [{ slug: b1, name: Beta one, rank: 1, summary: s, cite: [{ source: t, section: S }] }]
    salaryBands:
      - { slug: b1-pay, level: b1, label: eur, currency: EUR, period: ANNUAL, region: DE, min: 70000, max: 90000, cite: [{ source: t, section: S }] }
    cite: [{ source: t, section: S }]
  - slug: mgmt
    name: Management
    summary: s
    levels: [{ slug: m1, name: Manager, rank: 1, summary: s, cite: [{ source: t, section: S }] }]
    cite: [{ source: t, section: S }]
  - slug: cee
    name: Cee
    summary: s
    skills: [{ skill: s3, importance: REQUIRED }, { skill: s1, importance: RECOMMENDED }]
    levels: [{ slug: c1, name: Cee one, rank: 1, summary: s, cite: [{ source: t, section: S }] }]
    cite: [{ source: t, section: S }]
  - slug: island
    name: Island
    summary: s
    levels: [{ slug: z1, name: Island one, rank: 1, summary: s, cite: [{ source: t, section: S }] }]
    cite: [{ source: t, section: S }]
`,
  );
  return dir;
}
