import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SEEDS_DIR } from './server';

/** A temporary copy of the real seeds, to break or edit in a test. */
export function copyOfSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-seeds-'));
  cpSync(SEEDS_DIR, dir, { recursive: true });
  return dir;
}

/** Replaces text in one file of a seed directory; fails loudly when the text is not there. */
export function editSeed(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(path, edited);
}

const cite = [{ source: 'synthetic', section: 'Generated' }];

/**
 * A small generated graph with `roles` roles of two levels each, so tests can compare the same
 * query over few and many parents.
 */
export function syntheticSeeds(roles: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-synthetic-'));
  const skills = Array.from({ length: 10 }, (_, i) => ({
    slug: `skill-${i}`,
    name: `Skill ${i}`,
    category: 'TOOL',
    description: `Generated skill ${i}`,
    aliases: [`s${i}`],
    ...(i > 0 ? { broader: 'skill-0' } : {}),
    cite,
  }));
  const doc = {
    sources: [{ slug: 'synthetic', title: 'Synthetic data' }],
    organizations: [{ slug: 'org', name: 'Org' }],
    sectors: [0, 1, 2].map((i) => ({
      slug: `sector-${i}`,
      name: `Sector ${i}`,
      description: 'Generated',
      cite,
    })),
    skills,
    certifications: [0, 1, 2].map((i) => ({
      slug: `cert-${i}`,
      name: `Cert ${i}`,
      issuer: 'org',
      description: 'Generated',
      skills: [`skill-${i}`, `skill-${i + 3}`],
      roles: ['role-0'],
      provenance: [{ field: 'roles', basis: 'EDITORIAL', rationale: 'Generated' }],
      cite,
    })),
    employers: Array.from({ length: 6 }, (_, i) => ({
      slug: `employer-${i}`,
      name: `Employer ${i}`,
      sectors: [`sector-${i % 3}`, `sector-${(i + 1) % 3}`],
      roles: Array.from({ length: roles }, (_, r) => `role-${r}`).filter((_, r) => r % 6 !== i),
      offersInternships: i % 2 === 0,
      cite,
    })),
    roles: Array.from({ length: roles }, (_, r) => ({
      slug: `role-${r}`,
      name: `Role ${String(r).padStart(3, '0')}`,
      summary: 'Generated role',
      skills: [{ skill: `skill-${r % 10}`, importance: 'REQUIRED' }],
      levels: [1, 2].map((rank) => ({
        slug: `role-${r}-level-${rank}`,
        name: `Role ${r} level ${rank}`,
        rank,
        summary: 'Generated level',
        yearsInLevel: { min: rank, max: rank + 1 },
        skills: [{ skill: `skill-${(r + rank) % 10}`, importance: 'RECOMMENDED' }],
        cite,
      })),
      salaryBands: [
        {
          slug: `role-${r}-band`,
          label: 'average',
          currency: 'USD',
          period: 'ANNUAL',
          region: 'US',
          min: 1000 * r,
          max: 1000 * r + 500,
          cite,
        },
      ],
      transitions: [
        {
          from: `role-${r}-level-1`,
          to: `role-${r}-level-2`,
          kind: 'PROMOTION',
          typicalYears: { min: 1, max: 2 },
          skillsToGain: ['skill-1'],
          cite,
        },
      ],
      cite,
    })),
  };
  writeFileSync(join(dir, 'synthetic.yaml'), stringify(doc, { aliasDuplicateObjects: false }));
  return dir;
}

/**
 * A generated graph past every old cap and every list bound: 130 sectors, 620 roles that all
 * match "engineer" (the filtered `roles` stopped at 500), 1050 skills that all match "widget"
 * (`skills` stopped at 1000), and one skill every role asks for (Skill.roles of 620).
 */
export function largeListSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-large-lists-'));
  const doc = {
    sources: [{ slug: 'synthetic', title: 'Synthetic data' }],
    sectors: Array.from({ length: 130 }, (_, i) => ({
      slug: `sector-${i}`,
      name: `Sector ${String(i).padStart(3, '0')}`,
      description: 'Generated',
      cite,
    })),
    skills: Array.from({ length: 1050 }, (_, i) => ({
      slug: `widget-${i}`,
      name: `Widget skill ${i}`,
      category: 'TOOL',
      description: 'Generated widget skill',
      cite,
    })),
    roles: Array.from({ length: 620 }, (_, r) => ({
      slug: `role-${r}`,
      name: `Engineer ${String(r).padStart(3, '0')}`,
      summary: 'Generated engineer role',
      skills: [{ skill: 'widget-0', importance: 'REQUIRED' }],
      levels: [
        {
          slug: `role-${r}-level`,
          name: `Engineer ${r} level`,
          rank: 1,
          summary: 'Generated level',
          cite,
        },
      ],
      cite,
    })),
  };
  writeFileSync(join(dir, 'large.yaml'), stringify(doc, { aliasDuplicateObjects: false }));
  return dir;
}
