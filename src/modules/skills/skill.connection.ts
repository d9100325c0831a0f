import { ConnectionType } from '../../core/relay';
import { Skill } from './skill.entity';

export const SkillConnection = ConnectionType(Skill, 'Skill');
