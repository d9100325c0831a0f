import { AuditResolver } from './audit.resolver';
import { kindResolver } from './kind.resolver';
import { KINDS, KindSpec } from './kinds';
import { ClassType } from 'type-graphql';
import { RelationMutations } from './relation.mutations';
import { SkillRequirementMutations } from './skill-requirement.mutations';
import { CareerTransitionMutations } from './transition.mutations';

const built = new WeakMap<KindSpec, ClassType>();
/** A kind's mutations, made once per kind (type-graphql keeps every class it is shown). */
const mutationsOf = (spec: KindSpec): ClassType => {
  if (!built.has(spec)) built.set(spec, kindResolver(spec));
  return built.get(spec) as ClassType;
};

/**
 * Every resolver of the curation (write) API: read when a schema is built, so a kind registered
 * before then (src/modules/curation/kinds.ts) has its mutations.
 */
export const curationResolvers = (): Function[] => [
  ...KINDS.map(mutationsOf),
  CareerTransitionMutations,
  RelationMutations,
  SkillRequirementMutations,
  AuditResolver,
];
