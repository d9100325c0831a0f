import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLInt,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
} from 'graphql';
import { badInput } from './errors';
import { MAX_PAGE_SIZE } from './relay';

/**
 * Lists bounded by the record or the answer that holds them, not by the size of the graph: a
 * record's own citations, a role's levels and requirements, the parts of one computed answer, a
 * connection's page. Every other list of objects takes `first` (see boundLists); a new list field
 * is bounded unless it is named here, and a test lists them all.
 */
export const OWN_FACTS = new Set([
  'Role.levels',
  'Role.skills',
  'Role.salaryBands',
  'Role.outlooks',
  'RoleLevel.skills',
  'RoleLevel.salaryBands',
  // a level's own moves out (moves into it grow as other roles point at it: previousSteps is bounded)
  'RoleLevel.nextSteps',
  'Certification.skills',
  // how a record's own fields are known, and a role's own figures grouped by topic
  'Certification.provenance',
  'Credential.provenance',
  'SalaryBand.provenance',
  'Role.salaryFigures',
  'RoleLevel.salaryFigures',
  'SalaryFigureSet.figures',
  'Employer.sectors',
  'InternshipKind.sectors',
  'Insight.roles',
  'Insight.levels',
  'Insight.skills',
  'CareerTransition.skillsToGain',
  'CareerPath.steps',
  'CareerPath.stops',
  'CareerPath.skillsToGain',
  'CareerPath.certifications',
  'CareerPath.startSalaryBands',
  'CareerPathStop.salaryBands',
  'LevelComparison.levels',
  'LevelComparison.skills',
  'LevelComparison.sharedSkills',
  'LevelComparison.distinctSkills',
  'DistinctSkills.skills',
  'RoleMatch.matched',
  'RoleMatch.missing',
  'SkillGap.matched',
  'SkillGap.missing',
  // at most 100 ids, checked by the resolver
  'Query.nodes',
]);

/** Whether a field is a list of objects whose length grows with the graph. */
export function growsWithGraph(typeName: string, field: GraphQLField<unknown, unknown>): boolean {
  if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type)))
    return false;
  // a record's citations and a mutation's userErrors are bounded by the record and the input
  if (
    field.name === 'citations' ||
    field.name === 'userErrors' ||
    typeName.endsWith('Connection') ||
    typeName === 'Mutation'
  )
    return false;
  return !OWN_FACTS.has(`${typeName}.${field.name}`);
}

/**
 * Gives every list that grows with the graph a `first` argument (1 to 100, default 100), so no
 * answer holds more than 100 of them and the cost estimate (src/core/limits/cost.ts reads the
 * default from the schema) uses that bound. Done on the built schema because type-graphql cannot
 * add an argument to a plain `@Field`, and so that no list can be forgotten; the resolver it
 * wraps may answer at once or later, and so does the wrapper.
 *
 * Checked against: graphql 16.15.0 (docs/operations.md, "Shortcuts around the libraries"): the
 * argument is pushed onto the built field's `args`, which graphql does not offer to change.
 */
export function boundLists(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!growsWithGraph(type.name, field) || field.args.some((a) => a.name === 'first')) continue;
      (field.args as unknown as unknown[]).push({
        name: 'first',
        description: `At most this many, 1 to ${MAX_PAGE_SIZE} (default ${MAX_PAGE_SIZE}).`,
        type: GraphQLInt,
        defaultValue: MAX_PAGE_SIZE,
        deprecationReason: undefined,
        extensions: {},
        astNode: undefined,
      });
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context, info) => {
        const first = (args as { first?: number | null }).first ?? MAX_PAGE_SIZE;
        if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
          throw badInput('first', `"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
        }
        const list: unknown = resolve(root, args, context, info);
        // answered at once (from the in-memory graph) on most calls: no closure made for those
        return list instanceof Promise
          ? list.then((settled: unknown) => upTo(settled, first))
          : upTo(list, first);
      };
    }
  }
  return schema;
}

/** The list's first `first` items (the list itself when it is no longer). */
const upTo = (list: unknown, first: number): unknown =>
  Array.isArray(list) && list.length > first ? list.slice(0, first) : list;
