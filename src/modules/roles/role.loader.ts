import { groupedBy, linked } from '../../core/loaders';
import { Employer } from '../employers/employer.entity';
import { Role } from './role.entity';
import { RoleLevel } from './role-level.entity';

/** A role's levels, entry level first. */
export const levelsOfRole = groupedBy(RoleLevel, 'roleId', 'rank');

/** Related roles stored in either direction of role_relations. */
export const relatedFrom = linked('role_relations', 'role_id', 'related_role_id', Role);
export const relatedTo = linked('role_relations', 'related_role_id', 'role_id', Role);

/** Employers cited as hiring for a role, by name. */
export const employersOfRole = linked('employer_roles', 'role_id', 'employer_id', Employer);
