import { OccupationMutations } from './occupation.mutations';
import {
  OccupationMappingResolver,
  OccupationResolver,
  WageStatisticResolver,
} from './occupation.resolver';
import {
  CareerPathStopWageResolver,
  CareerPathWageResolver,
  PayChangeComparesResolver,
  RoleLevelPayResolver,
  RoleOccupationsResolver,
} from './role-pay.resolver';

/** The resolvers of the occupations feature: codes, mappings and published pay statistics. */
export const OCCUPATION_RESOLVERS = [
  OccupationResolver,
  OccupationMappingResolver,
  WageStatisticResolver,
  RoleOccupationsResolver,
  RoleLevelPayResolver,
  CareerPathWageResolver,
  CareerPathStopWageResolver,
  PayChangeComparesResolver,
  OccupationMutations,
];
