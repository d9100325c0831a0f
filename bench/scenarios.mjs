/**
 * The benchmark's scenarios: one GraphQL operation each, and the variable sets it rotates through
 * so that consecutive requests differ (a response cache cannot answer them all from one entry).
 *
 * Targets are taken from the real graph (copy 0 of every synthetic scale), so the questions are the
 * same at every scale. `lookup` and `gap` get the same answers at 1x and 100x; the others get larger
 * ones, as the copies join the real graph: `nested` 2.4x on average (more cursors, and real skills
 * with synthetic certifications), `search` 1.4x (copies among the ten hits), `path` 1.2x.
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import graphql from 'graphql';

const { Kind, parse } = graphql;

/** @typedef {{ name: string, title: string, query: string, target?: number, variables: (ctx: ScenarioContext) => object[] }} Scenario */
/** @typedef {{ roles: string[], levels: string[], cursors: string[], skillNames: string[] }} ScenarioContext */

const FLOOR = /* GraphQL */ `
  {
    __typename
  }
`;

const LOOKUP = /* GraphQL */ `
  query Lookup($slug: String!) {
    role(slug: $slug) {
      slug
      name
      levels {
        slug
        name
        rank
        yearsInLevel {
          min
          max
        }
      }
    }
  }
`;

const NESTED = /* GraphQL */ `
  query Nested($first: Int!, $after: String) {
    roles(first: $first, after: $after) {
      nodes {
        slug
        name
        levels {
          slug
          name
          skills {
            importance
            # certifications grows with the graph: bounded (default 100), costed at its bound
            skill {
              slug
              name
              certifications(first: 10) {
                slug
                name
                issuer {
                  slug
                  name
                }
              }
            }
          }
        }
        salaryBands {
          label
          currency
          min
          max
        }
        employers(first: 5) {
          totalCount
          nodes {
            slug
            name
            sectors {
              slug
              name
            }
          }
        }
      }
    }
  }
`;

const PATH = /* GraphQL */ `
  query Path($from: String!, $to: String!) {
    careerPath(from: $from, to: $to) {
      typicalYears {
        min
        max
      }
      stepsWithoutYears
      steps {
        kind
        typicalYears {
          min
          max
        }
        from {
          slug
        }
        to {
          slug
          name
          salaryBands {
            label
            currency
            min
            max
          }
        }
      }
      skillsToGain {
        slug
        name
      }
      certifications {
        slug
        name
      }
    }
  }
`;

const GAP = /* GraphQL */ `
  query Gap($target: String!, $have: [String!]!) {
    skillGap(target: $target, have: $have) {
      coverage
      unrecognized
      matched {
        importance
        skill {
          slug
        }
      }
      missing {
        importance
        skill {
          slug
          name
          category
        }
      }
    }
  }
`;

const SEARCH = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, first: 10) {
      score
      node {
        __typename
        id
        ... on Role {
          name
        }
        ... on Skill {
          name
        }
        ... on Certification {
          name
        }
        ... on Employer {
          name
        }
        ... on Insight {
          title
        }
      }
    }
  }
`;

/** Ten words people search for, each matching something in the real graph. */
export const SEARCH_WORDS = [
  'kubernetes',
  'java',
  'security',
  'cloud',
  'database',
  'api',
  'testing',
  'manager',
  'python',
  'salary',
];

/** A small deterministic generator, so variable sets are the same on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "backend-developer" -> "Backend-Developer": lookups forgive case, a cache keyed on text does not. */
const titleCase = (slug) => slug.replace(/(^|-)([a-z])/g, (_, sep, c) => sep + c.toUpperCase());

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    name: 'floor',
    title: "`{ __typename }`: the server's ceiling",
    query: FLOOR,
    variables: () => [{}],
  },
  {
    name: 'lookup',
    title: 'one role by slug, with its levels',
    query: LOOKUP,
    target: 0.8,
    variables: ({ roles }) => roles.flatMap((slug) => [{ slug }, { slug: titleCase(slug) }]),
  },
  {
    name: 'nested',
    title:
      'roles (1 to 5) → levels → requirements → skill → certifications → issuer, bands, employers → sectors',
    query: NESTED,
    target: 0.5,
    variables: ({ cursors }) => {
      // Only cursors that leave a full page of 5 after them: an empty page would flatter the figures.
      const afters = [null, ...cursors.slice(0, Math.max(0, Math.min(20, cursors.length - 5)))];
      const out = [];
      for (const after of afters)
        for (let first = 1; first <= 5; first++) out.push({ first, after });
      return out;
    },
  },
  {
    name: 'path',
    title: 'careerPath from junior back-end developer to each other role and level',
    query: PATH,
    target: 0.6,
    variables: ({ roles, levels }) =>
      [
        ...roles.filter((r) => r !== 'backend-developer'),
        ...levels.filter((l) => l !== 'junior-backend-developer'),
      ].map((to) => ({
        from: 'junior-backend-developer',
        to,
      })),
  },
  {
    name: 'gap',
    title: 'skillGap for a level, with varying skill lists',
    query: GAP,
    target: 0.6,
    variables: ({ levels, skillNames }) => {
      const random = rng(42);
      const out = [];
      for (const target of levels) {
        for (let i = 0; i < 8; i++) {
          const size = 2 + Math.floor(random() * 10);
          const have = new Set();
          while (have.size < size) have.add(skillNames[Math.floor(random() * skillNames.length)]);
          if (i % 4 === 3) have.add('cobol on mainframes'); // an unrecognized one now and then
          out.push({ target, have: [...have] });
        }
      }
      return out;
    },
  },
  {
    name: 'search',
    title: 'search over ten different words',
    query: SEARCH,
    target: 0.6,
    variables: () => SEARCH_WORDS.map((query) => ({ query })),
  },
];

/** The scenario called `name`; throws, naming the known ones, for any other name. */
export function scenarioNamed(name) {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario)
    throw new Error(`no scenario ${name}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return scenario;
}

/**
 * Nesting depth of an operation: the longest chain of fields that have a selection set of their
 * own (each such level is where one DataLoader batch, hence one SQL statement, is expected).
 */
export function selectionDepth(query) {
  const walk = (selectionSet) =>
    Math.max(
      0,
      ...selectionSet.selections.map((s) => {
        if (!s.selectionSet) return 0;
        return s.kind === Kind.FIELD ? 1 + walk(s.selectionSet) : walk(s.selectionSet);
      }),
    );
  const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return walk(operation.selectionSet);
}

export const NESTED_QUERY = NESTED;

/** Learns the role cursors (for `nested`'s `after`) from the server before measuring. */
export const DISCOVERY = /* GraphQL */ `
  query Discover {
    roles(first: 100) {
      edges {
        cursor
      }
    }
  }
`;

/**
 * The real graph's role, level and skill slugs and names, read with the built seed reader from
 * `root`/seeds. Every synthetic scale contains them (as its copy 0).
 */
export function realGraph(root) {
  const require = createRequire(import.meta.url);
  require(join(root, 'node_modules', 'reflect-metadata'));
  const { readSeeds } = require(join(root, 'dist', 'seeding', 'read.js'));
  const { set } = readSeeds(join(root, 'seeds'));
  return {
    roles: set.roles.map((r) => r.slug),
    levels: set.roles.flatMap((r) => r.levels.map((l) => l.slug)),
    skillNames: set.skills.flatMap((s) => [s.slug, s.name, ...s.aliases.slice(0, 1)]),
    sectors: set.sectors.map((s) => s.slug),
    skills: set.skills.map((s) => s.slug),
  };
}
