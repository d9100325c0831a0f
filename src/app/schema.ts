import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, BuildSchemaOptions, NonEmptyArray } from 'type-graphql';
import { RoleAuthChecker } from '../core/auth/auth-checker';
import { boundLists } from '../core/bounded-lists';
import { leanResolvers, refuseUnhonouredOptions } from '../core/lean-resolvers';
import { resolveTypesByPrototype } from '../core/relay';
import { CertificationResolver } from '../modules/certifications/certification.resolver';
import { OrganizationResolver } from '../modules/certifications/organization.resolver';
import { CredentialResolver } from '../modules/credentials/credential.resolver';
import { EmployerResolver } from '../modules/employers/employer.resolver';
import { SectorResolver } from '../modules/employers/sector.resolver';
import { AdvancementPathResolver } from '../modules/guidance/advancement-path.resolver';
import {
  CareerDirectionResolver,
  RoleDirectionsResolver,
} from '../modules/directions/career-direction.resolver';
import { InsightResolver } from '../modules/guidance/insight.resolver';
import { InternshipKindResolver } from '../modules/guidance/internship-kind.resolver';
import { curationResolvers } from '../modules/curation';
import { NodeResolver } from '../modules/nodes/node.resolver';
import {
  CareerPathResolver,
  CareerPathStopResolver,
  CareerStepResolver,
  CareerPathStopTimeResolver,
  PathTimeResolver,
} from '../modules/paths/career-path.resolver';
import { CareerTransitionResolver } from '../modules/paths/career-transition.resolver';
import { ReachableLevelResolver } from '../modules/paths/reachable.resolver';
import { LevelComparisonResolver } from '../modules/roles/level-comparison.resolver';
import { RoleMatchResolver } from '../modules/skills/role-match.resolver';
import { RoleLevelResolver } from '../modules/roles/role-level.resolver';
import { RoleResolver } from '../modules/roles/role.resolver';
import { JobOutlookResolver } from '../modules/salaries/job-outlook.resolver';
import { SalaryBandResolver } from '../modules/salaries/salary-band.resolver';
import { SalaryFactorResolver } from '../modules/salaries/salary-factor.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { OCCUPATION_RESOLVERS } from '../modules/occupations';
import { CertificationLifecycleResolver } from '../modules/certification-lifecycle/lifecycle.resolver';
import { ChangeResolver } from '../modules/changes/change.resolver';
import { RoleJsonLdResolver } from '../modules/json-ld/json-ld.resolver';
import { SkillGapResolver } from '../modules/skills/skill-gap.resolver';
import { SkillRequirementResolver } from '../modules/skills/skill-requirement.resolver';
import { SkillResolver } from '../modules/skills/skill.resolver';
import { CitationResolver, SourceResolver } from '../modules/sources/source.resolver';
import { FieldBasisResolver } from '../modules/sources/field-basis.resolver';
import { validateArgumentsDirectly } from '../core/argument-validation';

/** Every resolver, the curation API's read from the kinds registry when called. */
export const resolvers = (): NonEmptyArray<Function> => [
  NodeResolver,
  SourceResolver,
  CitationResolver,
  FieldBasisResolver,
  RoleResolver,
  RoleLevelResolver,
  CareerTransitionResolver,
  CareerPathResolver,
  CareerPathStopResolver,
  CareerStepResolver,
  CareerPathStopTimeResolver,
  PathTimeResolver,
  ReachableLevelResolver,
  RoleMatchResolver,
  LevelComparisonResolver,
  SkillResolver,
  SkillRequirementResolver,
  SkillGapResolver,
  OrganizationResolver,
  CertificationResolver,
  CredentialResolver,
  SectorResolver,
  EmployerResolver,
  SalaryBandResolver,
  SalaryFactorResolver,
  JobOutlookResolver,
  InsightResolver,
  InternshipKindResolver,
  AdvancementPathResolver,
  CareerDirectionResolver,
  RoleDirectionsResolver,
  SearchResolver,
  ...curationResolvers(),
  ...OCCUPATION_RESOLVERS,
  CertificationLifecycleResolver,
  ChangeResolver,
  RoleJsonLdResolver,
];

let built: Promise<GraphQLSchema> | undefined;

/** What type-graphql builds the schema with; the lean pass refuses options it does not honour. */
export const buildOptions = (): BuildSchemaOptions => ({
  resolvers: resolvers(),
  validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  authChecker: RoleAuthChecker,
});

function buildTypeGraphqlSchema(
  options: BuildSchemaOptions = buildOptions(),
): Promise<GraphQLSchema> {
  validateArgumentsDirectly(options.validate, options.validateFn);
  return buildSchema(options);
}

/** The schema as type-graphql builds it, every field behind its resolver wrapper; tests compare against it. */
export function buildWrappedSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphqlSchema().then(boundLists);
}

/**
 * The executable schema, built once per process, with the wrappers that do nothing taken away
 * (before the lists are bounded: leanResolvers sets resolvers afresh).
 */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildLeanSchema();
  return built;
}

/**
 * A new executable schema (not the one `createSchema` shares): for tests that need one no
 * Apollo server has wrapped yet, or other build options. The options are checked before
 * type-graphql builds anything.
 */
export async function buildLeanSchema(
  options: BuildSchemaOptions = buildOptions(),
): Promise<GraphQLSchema> {
  refuseUnhonouredOptions(options);
  return resolveTypesByPrototype(
    boundLists(leanResolvers(await buildTypeGraphqlSchema(options), options)),
  );
}

/** The schema as sorted SDL: what `npm run schema:emit` writes to schema/schema.graphql. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
