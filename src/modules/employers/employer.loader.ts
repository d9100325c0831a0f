import { linked } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { Employer } from './employer.entity';
import { Sector } from './sector.entity';

export const sectorsOfEmployer = linked('employer_sectors', 'employer_id', 'sector_id', Sector);
export const employersOfSector = linked('employer_sectors', 'sector_id', 'employer_id', Employer);
export const rolesOfEmployer = linked('employer_roles', 'employer_id', 'role_id', Role);
