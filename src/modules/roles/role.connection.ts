import { ConnectionType } from '../../core/relay';
import { Role } from './role.entity';

export const RoleConnection = ConnectionType(Role, 'Role');
