import { registerEnumType } from 'type-graphql';

/** The occupation classifications roles are mapped to. */
export enum OccupationSystem {
  SOC_2018 = 'SOC_2018',
  ONET_SOC_2019 = 'ONET_SOC_2019',
  ISCO_08 = 'ISCO_08',
  ESCO = 'ESCO',
}
registerEnumType(OccupationSystem, {
  name: 'OccupationSystem',
  description: 'An occupation classification.',
  valuesConfig: {
    SOC_2018: {
      description: 'US Standard Occupational Classification, 2018 edition: codes like 15-1252.',
    },
    ONET_SOC_2019: {
      description: 'O*NET-SOC 2019 taxonomy: a SOC code with a two-digit suffix, like 15-1252.00.',
    },
    ISCO_08: {
      description:
        'International Standard Classification of Occupations 2008 (ILO): four-digit unit groups like 2512.',
    },
    ESCO: {
      description:
        'European Skills, Competences, Qualifications and Occupations: concept URIs under http://data.europa.eu/esco/.',
    },
  },
});

/** How a role relates to an occupation code, in the sense of SKOS mapping properties. */
export enum MatchType {
  EXACT = 'EXACT',
  CLOSE = 'CLOSE',
  BROAD = 'BROAD',
  NARROW = 'NARROW',
  RELATED = 'RELATED',
}
registerEnumType(MatchType, {
  name: 'OccupationMatch',
  description:
    "How well a role and an occupation code correspond (SKOS-style mapping, read from the role's side).",
  valuesConfig: {
    EXACT: { description: 'The same occupation.' },
    CLOSE: { description: 'Nearly the same; interchangeable for most uses.' },
    BROAD: { description: 'The code is broader: the role is one kind of work the code covers.' },
    NARROW: { description: 'The code is narrower: it covers one part of the role.' },
    RELATED: { description: 'Associated, but neither contains the other.' },
  },
});

/** Order in which matches are trusted when one figure must be chosen. */
export const MATCH_STRENGTH: Record<MatchType, number> = {
  EXACT: 0,
  CLOSE: 1,
  BROAD: 2,
  NARROW: 3,
  RELATED: 4,
};

const FORMATS: Record<OccupationSystem, { pattern: RegExp; shape: string }> = {
  SOC_2018: { pattern: /^\d{2}-\d{4}$/, shape: 'NN-NNNN, such as 15-1252' },
  ONET_SOC_2019: { pattern: /^\d{2}-\d{4}\.\d{2}$/, shape: 'NN-NNNN.NN, such as 15-1252.00' },
  ISCO_08: { pattern: /^\d{4}$/, shape: 'four digits, such as 2512' },
  ESCO: {
    pattern: /^http:\/\/data\.europa\.eu\/esco\/(occupation|isco)\/[A-Za-z0-9-]+$/,
    shape: 'an ESCO concept URI, such as http://data.europa.eu/esco/isco/C2512',
  },
};

/** Why `code` is not a code of `system`, or null when its format is right. */
export function codeFormatProblem(system: OccupationSystem, code: string): string | null {
  const format = FORMATS[system];
  if (!format) return `unknown occupation system "${system}"`;
  return format.pattern.test(code)
    ? null
    : `"${code}" is not a ${system} code: expected ${format.shape}`;
}

/** Each system as people write it. */
export const SYSTEM_NAMES: Record<OccupationSystem, string> = {
  SOC_2018: 'SOC 2018',
  ONET_SOC_2019: 'O*NET-SOC 2019',
  ISCO_08: 'ISCO-08',
  ESCO: 'ESCO',
};

/** An occupation code's record key (seed merge provenance, and the role mappings an editor writes). */
export const occupationKey = (system: string, code: string) => `${system} ${code}`;
