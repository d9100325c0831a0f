import { groupedBy, linked } from '../../core/loaders';
import { Skill } from '../skills/skill.entity';
import { CareerTransition } from './career-transition.entity';

export const transitionsFrom = groupedBy(CareerTransition, 'fromLevelId');
export const transitionsTo = groupedBy(CareerTransition, 'toLevelId');
export const skillsToGainOf = linked('transition_skills', 'transition_id', 'skill_id', Skill);
