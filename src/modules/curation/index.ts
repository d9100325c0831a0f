import { AuditResolver } from './audit.resolver';
import { kindResolver } from './kind.resolver';
import { KINDS } from './kinds';
import { RelationMutations } from './relation.mutations';
import { SkillRequirementMutations } from './skill-requirement.mutations';
import { CareerTransitionMutations } from './transition.mutations';

/** Every resolver of the curation (write) API. */
export const CURATION_RESOLVERS: Function[] = [
  ...KINDS.map(kindResolver),
  CareerTransitionMutations,
  RelationMutations,
  SkillRequirementMutations,
  AuditResolver,
];
