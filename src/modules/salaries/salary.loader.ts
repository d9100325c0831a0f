import { groupedBy, linked } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { JobOutlook } from './job-outlook.entity';
import { SalaryBand } from './salary-band.entity';
import { SalaryFactor } from './salary-factor.entity';

export const salaryBandsOfRole = groupedBy(SalaryBand, 'roleId');
export const salaryBandsOfLevel = groupedBy(SalaryBand, 'levelId');
export const outlooksOfRole = groupedBy(JobOutlook, 'roleId');
export const salaryFactorsOfRole = linked(
  'salary_factor_roles',
  'role_id',
  'salary_factor_id',
  SalaryFactor,
  'id',
);
export const rolesOfSalaryFactor = linked(
  'salary_factor_roles',
  'salary_factor_id',
  'role_id',
  Role,
);
