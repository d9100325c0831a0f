import { byId, groupedBy, indexed } from '../../core/loaders';
import { Occupation } from './occupation.entity';
import { RoleOccupation } from './role-occupation.entity';
import { WageStatistic } from './wage-statistic.entity';

export const occupationById = byId(Occupation);
export const mappingsOfRole = groupedBy(RoleOccupation, 'roleId');
export const mappingsOfOccupation = groupedBy(RoleOccupation, 'occupationId');
export const wagesOfOccupation = groupedBy(WageStatistic, 'occupationId');

/** Occupations by "SYSTEM code", such as "SOC_2018 15-1252". */
export const occupationByCode = indexed<string, Occupation | null>(
  'occupation:by-code',
  [Occupation],
  async (tables) =>
    new Map((await tables.rows(Occupation)).map((o) => [`${o.system} ${o.code}`, o])),
  () => null,
);
